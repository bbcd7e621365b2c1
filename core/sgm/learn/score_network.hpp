#pragma once
// The learned score (docs/theory.md §14): a float32 MLP (mlp.hpp) preconditioned so that it learns only the
// non-Gaussian part of ∇ln q_t. With q_t the law of a X_0 + σ Z (a = a(t), σ = σ(t) of the process), and m_j, s_j²
// the mean and variance of coordinate j of the data,
//     c_j = (a² s_j² + σ²)^{-1/2},     x̃_j = c_j (x_j - a m_j),
//     s_θ(t, x)_j = -c_j x̃_j + F_θ(x̃, e(t))_j / σ,
// where -c_j x̃_j = -(x_j - a m_j)/(a² s_j² + σ²) is the score of the Gaussian with the data's mean and (diagonal)
// variance carried to time t: exact for such data when F_θ = 0, which is where training starts (the last layer
// starts at 0). The time enters through u = ln σ(t) / 4 (EDM's c_noise, Karras et al. 2022, Table 1) and Fourier
// features e(t) = (u, sin(π 2^k u), cos(π 2^k u))_{k < K}. The network's output F_θ is σ s_θ minus the Gaussian part
// scaled by σ, an O(1) quantity at every noise level: denoising score matching with λ(t) = σ² (dsm_trainer.hpp) is
// then the regression of F_θ on -z - σ g (theory §14).
#include <memory>
#include <string>

#include "sgm/learn/mlp.hpp"
#include "sgm/process/process.hpp"
#include "sgm/score/score_model.hpp"

namespace sgm {

// Mean and variance of each coordinate of the training data.
struct ScorePreconditioning {
  Vector mean;
  Vector variance;
};

class ScoreNetwork final : public ScoreModel {
public:
  static constexpr int kMaxFrequencies = 32;
  static int input_size(int dim, int frequencies) { return dim + 1 + 2 * frequencies; }

  // Throws InvalidArgument naming the field unless: the MLP has input_size(d, K) inputs and d outputs, mean and
  // variance have d finite entries with variance > 0, K in [0, kMaxFrequencies].
  ScoreNetwork(std::shared_ptr<const Process> process, Mlp mlp, ScorePreconditioning preconditioning, int frequencies);

  std::string name() const override { return "learned"; }
  int dim() const override { return static_cast<int>(preconditioning_.mean.size()); }
  void score(double t, const Particles& X, Particles& out) const override;
  // Per point, in the work budget's operations: the input (a square root and a division per coordinate, ln σ and 2K
  // sines and cosines) and the MLP's forward pass (Mlp::forward_operations × Mlp::kBudgetOperationsPerFlop); the
  // workspace of one chunk of points is held once.
  ScoreCost cost() const;

  // The network input (input_size × B) of B points X (B × d) at times with coefficients a_i = a(t_i), σ_i = σ(t_i).
  void network_input(const Vector& a, const Vector& sigma, const Particles& X, MatrixF& input) const;
  // σ_i times the Gaussian part of the score: σ_i g_ij = -σ_i (x_ij - a_i m_j)/(a_i² s_j² + σ_i²), as d × B.
  void scaled_gaussian_part(const Vector& a, const Vector& sigma, const Particles& X, MatrixF& out) const;

  const Process& process() const { return *process_; }
  const std::shared_ptr<const Process>& process_ptr() const { return process_; }
  const Mlp& mlp() const { return mlp_; }
  Mlp& mlp() { return mlp_; }
  const ScorePreconditioning& preconditioning() const { return preconditioning_; }
  int frequencies() const { return frequencies_; }

private:
  std::shared_ptr<const Process> process_;
  Mlp mlp_;
  ScorePreconditioning preconditioning_;
  int frequencies_;
};

}  // namespace sgm
