#pragma once
// Independent references for the critically damped Langevin tests: the moment ODEs of a linear SDE by RK4, the exact
// output law of an affine stepper by linear recursion.
// None of them uses the closed forms under test.
#include <Eigen/Cholesky>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

#include "sgm/process/critically_damped_langevin.hpp"
#include "sgm/sampler/cld_stepper.hpp"
#include "sgm/score/velocity_score.hpp"

namespace sgm::test {

// Moments of the linear SDE du = rate(τ) A u dτ + sqrt(2 Γ rate(τ)) e_v dB on one coordinate pair, from τ0 to τ1:
//     m' = rate A m,   Σ' = rate (A Σ + Σ Aᵀ) + diag(0, 2 Γ rate)   (the Lyapunov ODE),
// integrated by classical RK4 with `steps` equal steps. `A` is the drift matrix at rate 1.
struct PairMoments {
  Eigen::Matrix2d mean_map;    // the solution operator of m' = rate A m (columns: started from e_x and e_v)
  Eigen::Matrix2d covariance;  // Σ(τ1) started from `start`
};

inline PairMoments rk4_moments(const Eigen::Matrix2d& A, double damping, const std::function<double(double)>& rate,
                               double tau0, double tau1, const Eigen::Matrix2d& start, int steps) {
  auto derivative = [&](double tau, const Eigen::Matrix2d& phi, const Eigen::Matrix2d& sigma, Eigen::Matrix2d& dphi,
                        Eigen::Matrix2d& dsigma) {
    const double r = rate(tau);
    dphi = r * A * phi;
    dsigma = r * (A * sigma + sigma * A.transpose());
    dsigma(1, 1) += 2.0 * damping * r;
  };
  Eigen::Matrix2d phi = Eigen::Matrix2d::Identity(), sigma = start;
  const double h = (tau1 - tau0) / steps;
  for (int i = 0; i < steps; ++i) {
    const double tau = tau0 + i * h;
    Eigen::Matrix2d k1p, k1s, k2p, k2s, k3p, k3s, k4p, k4s;
    derivative(tau, phi, sigma, k1p, k1s);
    derivative(tau + h / 2, phi + h / 2 * k1p, sigma + h / 2 * k1s, k2p, k2s);
    derivative(tau + h / 2, phi + h / 2 * k2p, sigma + h / 2 * k2s, k3p, k3s);
    derivative(tau + h, phi + h * k3p, sigma + h * k3s, k4p, k4s);
    phi += h / 6 * (k1p + 2 * k2p + 2 * k3p + k4p);
    sigma += h / 6 * (k1s + 2 * k2s + 2 * k3s + k4s);
  }
  return {phi, sigma};
}

// Drift matrices at rate 1: forward CLD [[0, M^{-1}], [-1, -Γ M^{-1}]] (theory §7.8), and the linear part of the
// reverse SDE in reverse time [[0, -M^{-1}], [1, -Γ M^{-1}]].
inline Eigen::Matrix2d forward_drift(const CriticallyDampedLangevin& p) {
  Eigen::Matrix2d a;
  a << 0.0, p.m_inv(), -1.0, -p.damping() * p.m_inv();
  return a;
}
inline Eigen::Matrix2d reverse_linear_drift(const CriticallyDampedLangevin& p) {
  Eigen::Matrix2d a;
  a << 0.0, -p.m_inv(), 1.0, -p.damping() * p.m_inv();
  return a;
}

// A Gaussian law of u = (x_1, …, x_d, v_1, …, v_d).
struct JointGaussian {
  Vector mean;
  Matrix covariance;
};

// Noise that is zero except on the rows from `first` on: row first + j carries a single unit normal, in slot
// j / width and column j % width. Fed to an affine stepper, row first + j moves by the j-th column of its noise map.
class UnitNoise final : public NoiseSource {
public:
  UnitNoise(Eigen::Index first, Eigen::Index width) : first_(first), width_(width) {}
  void fill(std::uint32_t, std::uint32_t slot, Particles& out) const override {
    out.setZero();
    for (Eigen::Index r = first_; r < out.rows(); ++r) {
      const Eigen::Index j = r - first_;
      if (j / width_ == static_cast<Eigen::Index>(slot) && j % width_ < out.cols()) out(r, j % width_) = 1.0;
    }
  }

private:
  Eigen::Index first_, width_;
};

// The exact law after one step of a stepper that is affine in (x, v) plus Gaussian noise (every CLD stepper with the
// exact score of Gaussian data): u' = F u + c + G ξ. Running it on the mean, on the mean plus each column of a square
// root of the covariance (no noise) and on the mean with one unit noise entry gives F m + c, F L and G column by
// column; then m' = F m + c and Σ' = (F L)(F L)ᵀ + G Gᵀ. Noise slots 0 and 1 of width 2d are covered.
template <class Step>
JointGaussian exact_affine_step(const JointGaussian& law, int d, const Step& step) {
  const Eigen::Index two_d = 2 * d, noise_rows = 2 * two_d;
  const Matrix L = Eigen::LLT<Matrix>(law.covariance).matrixL();
  Particles U(1 + two_d + noise_rows, two_d);
  U.rowwise() = law.mean.transpose();
  U.block(1, 0, two_d, two_d) += L.transpose();
  Particles X = U.leftCols(d), V = U.rightCols(d);
  step(UnitNoise(1 + two_d, two_d), X, V);
  U << X, V;
  const Vector mean = U.row(0).transpose();
  const Matrix moved = (U.bottomRows(U.rows() - 1).rowwise() - mean.transpose()).transpose();
  return {mean, moved * moved.transpose()};
}

// The exact law after the steps of `grid` (forward times, decreasing) from `law`.
inline JointGaussian exact_output(const CldStepper& stepper, const CriticallyDampedLangevin& cld,
                                  const VelocityScore& score, const std::vector<double>& grid, JointGaussian law) {
  const int d = score.dim();
  const std::unique_ptr<StepperState> state = stepper.init();
  for (std::size_t k = 0; k + 1 < grid.size(); ++k) {
    law = exact_affine_step(law, d, [&](const NoiseSource& noise, Particles& X, Particles& V) {
      stepper.step(cld, score, noise, static_cast<std::uint32_t>(k), grid[k], grid[k + 1], X, V, *state);
    });
  }
  return law;
}

// A one-component mixture (a Gaussian joint law) as a JointGaussian.
inline JointGaussian joint_gaussian(const GaussianMixture& joint) {
  return {joint.means().front(), joint.covariances().front()};
}

}  // namespace sgm::test
