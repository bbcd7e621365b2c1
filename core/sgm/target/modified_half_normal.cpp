#include "sgm/target/modified_half_normal.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/target/product_target.hpp"

#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

SymmetricModifiedHalfNormal::SymmetricModifiedHalfNormal(double alpha, double beta, double gamma, std::string name,
                                                         int nodes)
    : tilted_(alpha, nodes), beta_(beta), gamma_(gamma), name_(std::move(name)) {
  require(std::isfinite(beta) && beta >= 1e-4 && beta <= 1e4, "beta", beta, "a number in [1e-4, 1e4]");
  require(std::isfinite(gamma) && std::abs(gamma) <= 1e4, "gamma", gamma, "a number in [-1e4, 1e4]");
  const double two_beta = 2.0 * beta;
  z0_ = gamma / std::sqrt(two_beta);
  // Y = ±U/√(2β) with U tilted half-normal at z0 (substitute u = √(2β) |y| in π).
  const TiltedHalfNormal::Moments m = tilted_.quadrature(z0_);
  log_z_ = std::log(2.0) - 0.5 * alpha * std::log(two_beta) + 0.5 * z0_ * z0_ + m.log_mass;
  second_moment_ = m.second_moment / two_beta;
  const double mean_abs = m.mean / std::sqrt(two_beta);
  const double mean_log_abs = m.mean_log - 0.5 * std::log(two_beta);
  const double mean_log_density = -log_z_ + (alpha - 1.0) * mean_log_abs - beta * second_moment_ + gamma * mean_abs;
  figures_.m2 = second_moment_;
  figures_.kl_to_standard_gaussian = mean_log_density + kHalfLogTwoPi + 0.5 * second_moment_;
  const bool laplace_gaussian = alpha == 1.0;
  figures_.semiconvexity = laplace_gaussian && gamma <= 0.0 ? -two_beta : kInfinity;
  figures_.convexity_at_infinity = laplace_gaussian ? two_beta : -kInfinity;
  figures_.lipschitz = laplace_gaussian && gamma == 0.0 ? std::max(1.0, two_beta) : kInfinity;
  figures_.support_radius = kInfinity;
}

double SymmetricModifiedHalfNormal::sample(ScalarDraws& draws) const {
  const double u = tilted_.sample(z0_, draws);
  const double magnitude = u / std::sqrt(2.0 * beta_);
  return draws.uniform() < 0.5 ? -magnitude : magnitude;
}

SymmetricModifiedHalfNormal::Evaluation SymmetricModifiedHalfNormal::evaluate(double a, double s, double x) const {
  const double a1 = alpha() - 1.0;
  if (s == 0.0) {
    // The law of a Y: ln π(x/a) - ln a and π'(x/a)/(a π(x/a)); at y = 0 the density is 0, finite or infinite
    // (α > 1, = 1, < 1) and the score is taken as 0, the symmetric (minimal-norm) subgradient.
    const double y = x / a, r = std::abs(y);
    if (y == 0.0) return {a1 > 0.0 ? -kInfinity : (a1 < 0.0 ? kInfinity : -log_z_ - std::log(a)), 0.0};
    const double log_pi = a1 * std::log(r) - beta_ * y * y + gamma_ * r - log_z_;
    const double sign = y > 0.0 ? 1.0 : -1.0;
    return {log_pi - std::log(a), (a1 / y - 2.0 * beta_ * y + gamma_ * sign) / a};
  }
  const double p = 2.0 * beta_ * s * s + a * a, root_p = std::sqrt(p);
  const double z_plus = (gamma_ * s * s + a * x) / (s * root_p), z_minus = (gamma_ * s * s - a * x) / (s * root_p);
  const double common = gamma_ * gamma_ * s * s - 2.0 * beta_ * x * x, cross = 2.0 * a * gamma_ * x;
  const TiltedHalfNormal::Value plus = tilted_.value(z_plus), minus = tilted_.value(z_minus);
  const double log_plus = 0.5 * (common + cross) / p + plus.log_mass;
  const double log_minus = 0.5 * (common - cross) / p + minus.log_mass;
  const double top = std::max(log_plus, log_minus);
  const double e_plus = std::exp(log_plus - top), e_minus = std::exp(log_minus - top);
  const double w_plus = e_plus / (e_plus + e_minus), w_minus = e_minus / (e_plus + e_minus);
  const double log_sum = top + std::log(e_plus + e_minus);
  const double log_p = -kHalfLogTwoPi + a1 * std::log(s) - 0.5 * alpha() * std::log(p) + log_sum - log_z_;
  const double score = (-2.0 * beta_ * x + a * gamma_ * (w_plus - w_minus)) / p +
                       a * (w_plus * plus.mean_offset - w_minus * minus.mean_offset) / (s * root_p);
  return {log_p, score};
}

void SymmetricModifiedHalfNormal::log_density(double a, double s, const Eigen::Ref<const Vector>& x,
                                              Eigen::Ref<Vector> out) const {
  for (Eigen::Index i = 0; i < x.size(); ++i) out(i) = evaluate(a, s, x(i)).log_density;
}

void SymmetricModifiedHalfNormal::score(double a, double s, const Eigen::Ref<const Vector>& x,
                                        Eigen::Ref<Vector> out) const {
  for (Eigen::Index i = 0; i < x.size(); ++i) out(i) = evaluate(a, s, x(i)).score;
}

std::shared_ptr<const SymmetricModifiedHalfNormal> make_elastic_net(double lambda1, double lambda2) {
  require(std::isfinite(lambda1) && lambda1 >= 0.0 && lambda1 <= 1e4, "lambda1", lambda1, "a number in [0, 1e4]");
  require(std::isfinite(lambda2) && lambda2 >= 2e-4 && lambda2 <= 2e4, "lambda2", lambda2, "a number in [2e-4, 2e4]");
  return std::make_shared<SymmetricModifiedHalfNormal>(1.0, 0.5 * lambda2, -lambda1, "elastic_net");
}

}  // namespace sgm

namespace sgm {
namespace {

Parameter dimension() {
  return Parameter::integer("dim", "the dimension d (a product of d coordinates)").within(closed(1.0, 4096.0));
}

[[gnu::cold]] bool register_elastic_net() {
  return Registry<Target>::add({
      "elastic_net",
      "product over dim coordinates of ∝ exp(-lambda1 |y| - lambda2 y²/2), exact perturbed score",
      "Bruno–Sabanis 2505.03432 example; docs/theory.md §5",
      {dimension(), Parameter::number("lambda1", "the L1 weight λ1").within(closed(0.0, 1e4)),
       Parameter::number("lambda2", "the L2 weight λ2").within(closed(2e-4, 2e4))},
      [](const Arguments& a, const Context&) {
        return std::make_shared<ProductTarget>(make_elastic_net(a.number("lambda1"), a.number("lambda2")),
                                               static_cast<int>(a.integer("dim")));
      },
  });
}
const bool registered_elastic_net = register_elastic_net();

[[gnu::cold]] bool register_modified_half_normal() {
  return Registry<Target>::add({
      "modified_half_normal",
      "product over dim coordinates of ∝ |y|^(alpha-1) exp(-beta y² + gamma |y|), perturbed score closed form (alpha "
      "= 1) or quadrature",
      "Sun–Kong–Pal 2023; docs/theory.md §5",
      {dimension(), Parameter::number("alpha", "the power α"), Parameter::number("beta", "β").within(closed(1e-4, 1e4)),
       Parameter::number("gamma", "γ").within(closed(-1e4, 1e4))},
      [](const Arguments& a, const Context&) {
        return std::make_shared<ProductTarget>(
            std::make_shared<SymmetricModifiedHalfNormal>(a.number("alpha"), a.number("beta"), a.number("gamma")),
            static_cast<int>(a.integer("dim")));
      },
  });
}
const bool registered_modified_half_normal = register_modified_half_normal();

}  // namespace
}  // namespace sgm
