#pragma once
// The standard normal distribution function Φ in log space, stable in both tails.
//
//   z ≥ -5:  Φ(z) = erfc(-z/√2)/2 (for z > 0 as 1 - erfc(z/√2)/2 through log1p);
//   z < -5:  Φ(z) = φ(z) R(-z), with Mills' ratio R(t) = (1 - Φ(t))/φ(t) from the Laplace continued fraction
//            R(t) = 1/(t + 1/(t + 2/(t + 3/(t + ...))))  (Abramowitz & Stegun 26.2.14), evaluated by the modified
//            Lentz algorithm (Press et al., Numerical Recipes, 3rd ed., §5.2); it needs ≤ 25 terms for t ≥ 5.
namespace sgm {

// ln Φ(z); finite for every finite z (≈ -z²/2 - ln(-z√(2π)) as z → -∞).
double log_normal_cdf(double z);

// φ(z)/Φ(z) (the inverse Mills ratio at -z); tends to |z| as z → -∞ and to 0 as z → +∞.
double normal_pdf_over_cdf(double z);

// R(t) = (1 - Φ(t))/φ(t) for finite t ≥ 5 (continued fraction); other t throw InvalidArgument.
double mills_ratio(double t);

}  // namespace sgm
