#pragma once
// The standard normal law N(0, 1): density φ, distribution function Φ, upper tail Q = 1 - Φ and Φ in log space, each
// accurate to a few ulps in both tails (through erfc, never as 1 - Φ). Used by the exact 1-D distances (quantile W2 to
// a normal mixture, TV between 1-D Gaussians), the Laplace–Gaussian perturbed scores (theory §5) and their tests.
//
// Log space:
//   z ≥ -5:  Φ(z) = erfc(-z/√2)/2 (for z > 0 as 1 - erfc(z/√2)/2 through log1p);
//   z < -5:  Φ(z) = φ(z) R(-z), with Mills' ratio R(t) = (1 - Φ(t))/φ(t) from the Laplace continued fraction
//            R(t) = 1/(t + 1/(t + 2/(t + 3/(t + ...))))  (Abramowitz & Stegun 26.2.14), evaluated by the modified
//            Lentz algorithm (Press et al., Numerical Recipes, 3rd ed., §5.2); it needs ≤ 25 terms for t ≥ 5.
namespace sgm {

double standard_normal_pdf(double z);         // φ(z) = exp(-z²/2)/√(2π); 0 at ±∞
double standard_normal_cdf(double z);         // Φ(z) = erfc(-z/√2)/2
double standard_normal_upper_tail(double z);  // Q(z) = 1 - Φ(z) = erfc(z/√2)/2, accurate for large z

// Φ(b) - Φ(a) for a ≤ b, from whichever tail keeps it accurate (no cancellation of two numbers near 1).
double standard_normal_mass(double a, double b);

// ln Φ(z); finite for every finite z (≈ -z²/2 - ln(-z√(2π)) as z → -∞).
double log_normal_cdf(double z);

// φ(z)/Φ(z) (the inverse Mills ratio at -z); tends to |z| as z → -∞ and to 0 as z → +∞.
double normal_pdf_over_cdf(double z);

// R(t) = (1 - Φ(t))/φ(t) for finite t ≥ 5 (continued fraction); other t throw InvalidArgument.
double mills_ratio(double t);

}  // namespace sgm
