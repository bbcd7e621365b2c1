#include "sgm/sampler/float32_reverse_diffusion.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "sgm/base/error.hpp"
#include "sgm/base/parallel_blocks.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/numerics/constants.hpp"
#include "sgm/sampler/float32_langevin_corrector.hpp"
#include "sgm/sampler/predictor_corrector.hpp"
#include "sgm/score/score_table.hpp"
#include "sgm/simd/covariance_mixture_step.hpp"
#include "sgm/simd/half_normal_step.hpp"
#include "sgm/simd/mixture_step.hpp"
#include "sgm/simd/tabulated_score_step.hpp"
#include "sgm/target/gaussian_mixture.hpp"
#include "sgm/target/mixture_kernel.hpp"
#include "sgm/target/modified_half_normal.hpp"
#include "sgm/target/product_target.hpp"
#include "sgm/target/scalar_law.hpp"

namespace sgm {

// A target's fused float32 step: prepare() computes the coefficients of the perturbed score at (a, s) = (a(t), σ(t))
// in double and rounds them once to float, with the step's; run() then advances blocks of particles (from several
// threads at once).
class Float32Kernel {
public:
  virtual ~Float32Kernel() = default;
  virtual void prepare(double a, double s, const Float32AffineStep& step) = 0;
  virtual void run(float* x, std::size_t stride, std::size_t first, std::size_t count) const = 0;
};

namespace {
// Mixtures of isotropic Gaussians and point clouds (simd/mixture_step.hpp), with the coefficients of
// mixture_kernel.cpp.
class IsotropicMixtureFloat32 final : public Float32Kernel {
public:
  explicit IsotropicMixtureFloat32(const IsotropicMixtureKernel& mixture)
      : mixture_(mixture),
        dim_(static_cast<int>(mixture.means().rows())),
        components_(static_cast<int>(mixture.log_weights().size())),
        centres_(static_cast<std::size_t>(dim_ * components_)),
        inverse_(static_cast<std::size_t>(components_)),
        normaliser_(static_cast<std::size_t>(components_)) {}

  void prepare(double a, double s, const Float32AffineStep& step) override {
    for (int j = 0; j < components_; ++j) {
      const double c = a * a * mixture_.variances()(j) + s * s;
      for (int m = 0; m < dim_; ++m)
        centres_[static_cast<std::size_t>(j * dim_ + m)] = static_cast<float>(a * mixture_.means()(m, j));
      inverse_[static_cast<std::size_t>(j)] = static_cast<float>(1.0 / c);
      normaliser_[static_cast<std::size_t>(j)] =
          static_cast<float>(mixture_.log_weights()(j) - 0.5 * (dim_ * std::log(c) + dim_ * kLogTwoPi));
    }
    c_ = {dim_, components_, centres_.data(), inverse_.data(), normaliser_.data(), step};
  }

  void run(float* x, std::size_t stride, std::size_t first, std::size_t count) const override {
    mixture_step(c_, x, stride, first, count);
  }

private:
  IsotropicMixtureKernel mixture_;
  int dim_, components_;
  std::vector<float> centres_, inverse_, normaliser_;
  MixtureStepCoefficients c_;
};

// Gaussian mixtures with full (or diagonal) covariances, Gaussians among them (simd/covariance_mixture_step.hpp):
// C_j = a² Σ_j + s² I by Cholesky in double, P_j = C_j^{-1}, ln det C_j = 2 Σ ln L_mm.
class CovarianceMixtureFloat32 final : public Float32Kernel {
public:
  explicit CovarianceMixtureFloat32(const GaussianMixture& mixture)
      : weights_(mixture.weights()),
        means_(mixture.means()),
        covariances_(mixture.covariances()),
        dim_(mixture.dim()),
        components_(static_cast<int>(mixture.components())),
        centres_(static_cast<std::size_t>(dim_ * components_)),
        precisions_(static_cast<std::size_t>(dim_ * dim_ * components_)),
        normaliser_(static_cast<std::size_t>(components_)) {}

  void prepare(double a, double s, const Float32AffineStep& step) override {
    const auto d = static_cast<std::size_t>(dim_);
    const Matrix identity = Matrix::Identity(dim_, dim_);
    for (std::size_t j = 0; j < static_cast<std::size_t>(components_); ++j) {
      const Eigen::LLT<Matrix> factor(a * a * covariances_[j] + s * s * identity);
      const Matrix precision = factor.solve(identity);
      const double log_det = 2.0 * factor.matrixL().toDenseMatrix().diagonal().array().log().sum();
      for (std::size_t m = 0; m < d; ++m) {
        centres_[j * d + m] = static_cast<float>(a * means_[j](static_cast<Eigen::Index>(m)));
        for (std::size_t n = 0; n < d; ++n)
          precisions_[(j * d + m) * d + n] =
              static_cast<float>(precision(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(n)));
      }
      normaliser_[j] = static_cast<float>(std::log(weights_[j]) - 0.5 * (dim_ * kLogTwoPi + log_det));
    }
    c_ = {dim_, components_, centres_.data(), precisions_.data(), normaliser_.data(), step};
  }

  void run(float* x, std::size_t stride, std::size_t first, std::size_t count) const override {
    covariance_mixture_step(c_, x, stride, first, count);
  }

private:
  std::vector<double> weights_;
  std::vector<Vector> means_;
  std::vector<Matrix> covariances_;
  int dim_, components_;
  std::vector<float> centres_, precisions_, normaliser_;
  CovarianceMixtureStepCoefficients c_;
};

// Products of symmetric modified half-normal coordinates with α = 1, the elastic net among them
// (simd/half_normal_step.hpp).
class HalfNormalFloat32 final : public Float32Kernel {
public:
  HalfNormalFloat32(const SymmetricModifiedHalfNormal& law, int dim)
      : beta_(law.beta()), gamma_(law.gamma()), dim_(dim) {}

  void prepare(double a, double s, const Float32AffineStep& step) override {
    const double p = 2.0 * beta_ * s * s + a * a, root_p = std::sqrt(p);
    c_ = {dim_,
          static_cast<float>(gamma_ * s / root_p),
          static_cast<float>(a / (s * root_p)),
          static_cast<float>(a * gamma_ / p),
          static_cast<float>(-2.0 * beta_ / p),
          step};
  }

  void run(float* x, std::size_t stride, std::size_t first, std::size_t count) const override {
    half_normal_step(c_, x, stride, first, count);
  }

private:
  double beta_, gamma_;
  int dim_;
  HalfNormalStepCoefficients c_;
};

// The node cap of a product target's score table in a run of `particles` particles.
std::size_t score_table_cap(const Target& target, std::size_t particles) {
  return particles * static_cast<std::size_t>(target.dim());
}

// Products of a one-dimensional law without a closed-form kernel (the double well, modified half-normal laws with
// α ≠ 1): the double path's score tabulated at each step (score/score_table.hpp: a range fixed by the time and the
// law, nodes added until the estimated interpolation error is below 1e-6 relative) and interpolated by the kernel
// (simd/tabulated_score_step.hpp).
class TabulatedProductFloat32 final : public Float32Kernel {
public:
  // particles: the run's; the table has at most about particles × dimension nodes (score_table.hpp).
  TabulatedProductFloat32(std::shared_ptr<const Target> target, const ScalarLaw& law, std::size_t particles)
      : target_(std::move(target)), law_(law), max_nodes_(score_table_cap(*target_, particles)) {}

  void prepare(double a, double s, const Float32AffineStep& step) override {
    // pc's corrector and predictor both take the score at the step's start: one table serves both.
    if (a != table_a_ || s != table_s_) {
      table_ = tabulate_score(law_, a, s, max_nodes_);
      table_a_ = a;
      table_s_ = s;
    }
    c_ = {target_->dim(),
          table_.values.data(),
          static_cast<int>(table_.values.size()),
          static_cast<float>(table_.lo),
          static_cast<float>(1.0 / table_.spacing),
          step};
  }

  void run(float* x, std::size_t stride, std::size_t first, std::size_t count) const override {
    tabulated_score_step(c_, x, stride, first, count);
  }

private:
  std::shared_ptr<const Target> target_;  // owns law_
  const ScalarLaw& law_;
  std::size_t max_nodes_;
  ScoreTable table_;
  double table_a_ = -1.0, table_s_ = -1.0;  // the (a, s) of table_ (none yet: s > 0 always)
  TabulatedScoreStepCoefficients c_;
};

// The product target's law as a modified half-normal law with α = 1, or null.
const SymmetricModifiedHalfNormal* closed_form_half_normal(const Target& target) {
  const ProductTarget* product = target.product_form();
  const SymmetricModifiedHalfNormal* law = product ? product->law().symmetric_modified_half_normal() : nullptr;
  return law != nullptr && law->alpha() == 1.0 ? law : nullptr;
}

// The target's kernel, or null when it has none.
std::unique_ptr<Float32Kernel> float32_kernel_of(const std::shared_ptr<const Target>& target, std::size_t particles) {
  if (const IsotropicMixtureKernel* mixture = target->isotropic_mixture())
    return std::make_unique<IsotropicMixtureFloat32>(*mixture);
  if (const GaussianMixture* mixture = target->mixture_form())
    return std::make_unique<CovarianceMixtureFloat32>(*mixture);
  if (const SymmetricModifiedHalfNormal* law = closed_form_half_normal(*target))
    return std::make_unique<HalfNormalFloat32>(*law, target->dim());
  if (const ProductTarget* product = target->product_form())
    return std::make_unique<TabulatedProductFloat32>(target, product->law(), particles);
  return nullptr;
}

// The stepper whose affine moves the kernel runs: pc's predictor (its corrector runs as
// float32_langevin_corrector.hpp), or the stepper itself.
const Stepper& affine_part(const Stepper& stepper) {
  const PredictorCorrector* pc = stepper.as_predictor_corrector();
  return pc != nullptr ? pc->predictor() : stepper;
}

bool affine(const Process& process, const Grid& grid, const Stepper& stepper) {
  return affine_part(stepper).affine_moves(process, grid.times()[0], grid.times()[1]).has_value();
}

std::unique_ptr<Float32Kernel> float32_kernel(const Process& process, const Grid& grid, const Stepper& stepper,
                                              const std::shared_ptr<const Target>& target, std::size_t particles) {
  std::unique_ptr<Float32Kernel> kernel = float32_kernel_of(target, particles);
  require(kernel != nullptr && affine(process, grid, stepper), "precision",
          "\"float32\" has no kernel for target \"" + target->name() + "\" with sampler \"" + stepper.name() +
              "\" (it needs a Gaussian, a Gaussian mixture, a point cloud or a product target: elastic net, "
              "modified half-normal, double well; and sampler \"em\", \"ei\", \"ddpm\", \"ddim\", \"pf_euler\", "
              "\"ald\", or \"pc\" with one of them as predictor); use \"float64\"");
  return kernel;
}
}  // namespace

Float32ReverseDiffusion::Float32ReverseDiffusion(std::shared_ptr<const Process> process, Grid grid,
                                                 std::shared_ptr<const Stepper> stepper,
                                                 std::shared_ptr<const Target> target, std::size_t n,
                                                 std::uint64_t seed, unsigned threads, std::uint32_t first_particle,
                                                 std::size_t run_particles)
    : SamplerRun(std::move(grid), n, first_particle),
      process_(std::move(process)),
      stepper_(std::move(stepper)),
      kernel_(float32_kernel(*process_, this->grid(), *stepper_, target, run_particles > 0 ? run_particles : n)),
      seed_(seed),
      threads_(threads),
      n_(n),
      stride_((n + kFloat32StepBlock - 1) / kFloat32StepBlock * kFloat32StepBlock),
      dim_(target->dim()) {
  require_horizon(*process_, this->grid().horizon());
  const PredictorCorrector* pc = stepper_->as_predictor_corrector();
  if (pc != nullptr && pc->corrector().steps() > 0)
    corrector_ = std::make_unique<Float32LangevinCorrector>(pc->corrector(), pc->corrector_first_slot(), seed_,
                                                            first_particle, n_, stride_, dim_, threads_);
  // The prior of the double path (reverse_diffusion.cpp), rounded once to float; padding particles start at 0. Drawn
  // in tasks on all cores: each draw is keyed by its particle (rng.hpp), so the split does not change it, and with
  // few steps a serial prior would cost a sizeable part of the run.
  const double prior_std = process_->prior_std(this->grid().horizon());
  x_.assign(stride_ * static_cast<std::size_t>(dim_), 0.0f);
  parallel_ranges(n_, kFloat32ParticlesPerTask, threads_, [&](std::size_t first, std::size_t count) {
    Particles prior(static_cast<Eigen::Index>(count), dim_);
    CounterRng(seed).fill_normal(prior, 0, Stream::Prior, first_particle + static_cast<std::uint32_t>(first));
    prior *= prior_std;
    for (int m = 0; m < dim_; ++m)
      for (std::size_t i = 0; i < count; ++i)
        x_[static_cast<std::size_t>(m) * stride_ + first + i] =
            static_cast<float>(prior(static_cast<Eigen::Index>(i), m));
  });
}

Float32ReverseDiffusion::~Float32ReverseDiffusion() = default;

double Float32ReverseDiffusion::score_table_evaluations(const Target& target, std::size_t particles) {
  if (closed_form_half_normal(target) != nullptr || target.product_form() == nullptr) return 0.0;
  const std::size_t nodes = std::max<std::size_t>(
      ScoreTable::kMinNodes, std::min<std::size_t>(score_table_cap(target, particles), ScoreTable::kMaxNodes));
  return 2.0 * static_cast<double>(nodes);
}

bool Float32ReverseDiffusion::has_kernel(const Process& process, const Grid& grid, const Stepper& stepper,
                                         const std::shared_ptr<const Target>& target) {
  return affine(process, grid, stepper) && float32_kernel_of(target, 1) != nullptr;
}

std::size_t Float32ReverseDiffusion::advance(std::size_t k, double t, double t_next) {
  if (corrector_) {
    // The kernel as a score: (A, B, C) = (0, 1, 0) leaves 0·x + 1·s = s(t, x) exactly for finite x, and draws no noise.
    const Float32AffineStep score_only{0.0f, 1.0f, 0.0f};
    kernel_->prepare(process_->mean_coeff(t), process_->std(t), score_only);
    corrector_->correct(
        *process_, static_cast<std::uint32_t>(k), t, PredictorCorrector::corrector_alpha(*process_, t, t_next),
        [&](float* s, std::size_t first, std::size_t count) { kernel_->run(s, stride_, first, count); }, x_.data());
  }
  const std::vector<AffineMove> moves = *affine_part(*stepper_).affine_moves(*process_, t, t_next);
  for (const AffineMove& move : moves) {
    Float32AffineStep c;
    c.state = static_cast<float>(move.coefficients.state);
    c.score = static_cast<float>(move.coefficients.score);
    c.noise = static_cast<float>(move.coefficients.noise);
    c.seed = seed_;
    c.step = static_cast<std::uint32_t>(k);
    c.stream = static_cast<std::uint32_t>(Stream::StepNoise) + move.slot;  // the double path's slot (noise.hpp)
    c.first_particle = first_particle();
    kernel_->prepare(process_->mean_coeff(move.score_time), process_->std(move.score_time), c);
    parallel_ranges(stride_, kFloat32ParticlesPerTask, threads_,
                    [&](std::size_t first, std::size_t count) { kernel_->run(x_.data(), stride_, first, count); });
  }
  widened_current_ = false;
  return static_cast<std::size_t>(stepper_->score_evaluations_per_step());
}

const Particles& Float32ReverseDiffusion::particles() const {
  if (!widened_current_) {
    widened_.resize(static_cast<Eigen::Index>(n_), dim_);
    parallel_ranges(n_, kFloat32ParticlesPerTask, threads_, [&](std::size_t first, std::size_t count) {
      for (int m = 0; m < dim_; ++m)
        for (std::size_t i = first; i < first + count; ++i)
          widened_(static_cast<Eigen::Index>(i), m) = x_[static_cast<std::size_t>(m) * stride_ + i];
    });
    widened_current_ = true;
  }
  return widened_;
}

void Float32ReverseDiffusion::release_particle_copy() const {
  widened_ = Particles();
  widened_current_ = false;
}

bool Float32ReverseDiffusion::particles_finite() const {
  // A float is infinite or NaN exactly when its exponent bits are all ones: the largest exponent field over the
  // particles says it, in a loop without branches that the compiler vectorises (isfinite per value did not), on all
  // cores.
  constexpr std::uint32_t kExponent = 0x7f800000u;
  std::vector<std::uint32_t> largest((n_ + kFloat32ParticlesPerTask - 1) / kFloat32ParticlesPerTask, 0);
  parallel_ranges(n_, kFloat32ParticlesPerTask, threads_, [&](std::size_t first, std::size_t count) {
    std::uint32_t task_largest = 0;
    for (int m = 0; m < dim_; ++m) {
      const float* coordinate = x_.data() + static_cast<std::size_t>(m) * stride_ + first;
      for (std::size_t i = 0; i < count; ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, coordinate + i, sizeof bits);
        task_largest = std::max(task_largest, bits & kExponent);
      }
    }
    largest[first / kFloat32ParticlesPerTask] = task_largest;
  });
  return *std::max_element(largest.begin(), largest.end()) != kExponent;
}

std::string Float32ReverseDiffusion::overflow_advice() const {
  return "The parameters overflow single precision (\"precision\": \"float32\", largest value 3.4e38): use "
         "\"float64\", or reduce the target's scale or the step size";
}

PerturbedLaw Float32ReverseDiffusion::output_law() const {
  return {process_->mean_coeff(grid().stop()), process_->std(grid().stop())};
}

}  // namespace sgm
