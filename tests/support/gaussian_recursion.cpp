#include "support/gaussian_recursion.hpp"

#include <Eigen/LU>
#include <cmath>

namespace sgm::test {

Affine identity_map(Eigen::Index d) { return {Matrix::Identity(d, d), Vector::Zero(d)}; }
Affine operator+(const Affine& f, const Affine& g) { return {f.M + g.M, f.v + g.v}; }
Affine operator-(const Affine& f, const Affine& g) { return {f.M - g.M, f.v - g.v}; }
Affine operator*(double c, const Affine& f) { return {c * f.M, c * f.v}; }
Affine compose(const Affine& f, const Affine& g) { return {f.M * g.M, f.M * g.v + f.v}; }

GaussianMoments push(const GaussianMoments& law, const GaussianMove& move) {
  Matrix cov = move.map.M * law.cov * move.map.M.transpose();
  cov.diagonal().array() += move.noise_var;
  return {move.map.M * law.mean + move.map.v, cov};
}

double ou_abar(double t) { return std::exp(-2.0 * t); }
double ou_std(double t) { return std::sqrt(-std::expm1(-2.0 * t)); }

GaussianMoments ou_marginal(const GaussianMoments& data, double t) {
  const double a = std::exp(-t);
  Matrix C = a * a * data.cov;
  C.diagonal().array() += 1.0 - a * a;
  return {a * data.mean, C};
}

AffineScore ou_gaussian_score(const GaussianMoments& data, const Vector& bias) {
  return [data, bias](double t) {
    const GaussianMoments law = ou_marginal(data, t);
    const Matrix K = law.cov.inverse();
    Affine s{-K, K * law.mean};
    if (bias.size() > 0) s.v += bias;
    return s;
  };
}

namespace {
Affine identity_like(const Affine& f) { return identity_map(f.M.rows()); }
}  // namespace

std::vector<GaussianMove> em_moves(const AffineScore& score, double t, double s) {
  const double h = t - s;
  const Affine st = score(t);
  return {{(1.0 + h) * identity_like(st) + 2.0 * h * st, 2.0 * h}};
}

std::vector<GaussianMove> ei_moves(const AffineScore& score, double t, double s) {
  const double h = t - s;
  const Affine st = score(t);
  return {{std::exp(h) * identity_like(st) + 2.0 * std::expm1(h) * st, std::expm1(2.0 * h)}};
}

Moves ddpm_moves(bool large_variance) {
  return [large_variance](const AffineScore& score, double t, double s) -> std::vector<GaussianMove> {
    const double alpha = ou_abar(t) / ou_abar(s), beta = 1.0 - alpha;
    const Affine st = score(t);
    const Affine eps = -std::sqrt(1.0 - ou_abar(t)) * st;
    const Affine mean = (1.0 / std::sqrt(alpha)) * (identity_like(st) - (beta / std::sqrt(1.0 - ou_abar(t))) * eps);
    return {{mean, large_variance ? beta : beta * (1.0 - ou_abar(s)) / (1.0 - ou_abar(t))}};
  };
}

Moves ddim_moves(double eta) {
  return [eta](const AffineScore& score, double t, double s) -> std::vector<GaussianMove> {
    const Affine st = score(t);
    const Affine eps = -std::sqrt(1.0 - ou_abar(t)) * st;
    const Affine x0 = (1.0 / std::sqrt(ou_abar(t))) * (identity_like(st) - std::sqrt(1.0 - ou_abar(t)) * eps);
    const double var = eta * eta * (1.0 - ou_abar(s)) / (1.0 - ou_abar(t)) * (1.0 - ou_abar(t) / ou_abar(s));
    return {{std::sqrt(ou_abar(s)) * x0 + std::sqrt(1.0 - ou_abar(s) - var) * eps, var}};
  };
}

std::vector<GaussianMove> pf_euler_moves(const AffineScore& score, double t, double s) {
  const Affine st = score(t), I = identity_like(st);
  return {{I + (t - s) * (I + st), 0.0}};
}

std::vector<GaussianMove> pf_heun_moves(const AffineScore& score, double t, double s) {
  const double h = t - s;
  const Affine st = score(t), I = identity_like(st);
  const Affine v_t = I + st;
  const Affine stage = I + h * v_t;
  return {{I + (0.5 * h) * (v_t + compose(I + score(s), stage)), 0.0}};
}

Moves ald_moves(double step_size, int moves, double final_std) {
  return [=](const AffineScore& score, double, double s) {
    const double eps = step_size * (1.0 - ou_abar(s)) / (final_std * final_std);
    const Affine ss = score(s);
    return std::vector<GaussianMove>(static_cast<std::size_t>(moves), {identity_like(ss) + eps * ss, 2.0 * eps});
  };
}

GaussianMoments push_grid(const Moves& moves, const AffineScore& score, GaussianMoments law,
                          const std::vector<double>& times) {
  for (std::size_t k = 0; k + 1 < times.size(); ++k)
    for (const GaussianMove& move : moves(score, times[k], times[k + 1])) law = push(law, move);
  return law;
}

}  // namespace sgm::test
