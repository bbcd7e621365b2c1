#include "sgm/ornstein_uhlenbeck.hpp"

#include <cmath>

namespace sgm {

double OrnsteinUhlenbeck::mean_coeff(double t) const { return std::exp(-t); }

double OrnsteinUhlenbeck::std(double t) const { return std::sqrt(-std::expm1(-2.0 * t)); }

double OrnsteinUhlenbeck::transition_var(double s, double t) const { return -std::expm1(-2.0 * (t - s)); }

double OrnsteinUhlenbeck::score_weight(double s, double t) const { return 2.0 * std::exp(s) * std::expm1(t - s); }

}  // namespace sgm
