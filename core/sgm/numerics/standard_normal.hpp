#pragma once
// The standard normal law N(0, 1): density φ, distribution function Φ and upper tail Q = 1 - Φ, accurate to a few
// ulps in both tails (through erfc, never as 1 - Φ). Used by the exact 1-D distances (quantile W2 to a normal mixture,
// TV between 1-D Gaussians) and by their tests.
namespace sgm {

double standard_normal_pdf(double z);         // φ(z) = exp(-z²/2)/√(2π); 0 at ±∞
double standard_normal_cdf(double z);         // Φ(z) = erfc(-z/√2)/2
double standard_normal_upper_tail(double z);  // Q(z) = 1 - Φ(z) = erfc(z/√2)/2, accurate for large z

// Φ(b) - Φ(a) for a ≤ b, from whichever tail keeps it accurate (no cancellation of two numbers near 1).
double standard_normal_mass(double a, double b);

}  // namespace sgm
