#include "sgm/experiment/cld_diffusion.hpp"

#include "sgm/base/error.hpp"
#include "sgm/sampler/cld_reverse_diffusion.hpp"
#include "sgm/sampler/cld_sampler.hpp"

namespace sgm {

Grid CldDiffusion::grid(const GridSpec& spec, double T, double delta, std::size_t steps) const {
  return Grid(spec, T, delta, steps);
}

std::unique_ptr<SamplerRun> CldDiffusion::run(const RunRequest& request) const {
  require(request.target != nullptr, "target", "is missing");
  require(request.sampler != nullptr, "sampler", "is missing");
  const CldSampler* sampler = request.sampler->as_cld_sampler();
  require(
      sampler != nullptr, "sampler",
      "\"" + request.sampler->name() + "\" does not apply to process = \"cld\" (state (x, v), velocity score only)");
  require(!request.score_error && !request.learned_score, "score",
          "a score error or a learned score is not available with process = \"cld\" (its score is the velocity score "
          "∇_v ln p_t): use "
          "\"exact\"");
  require(request.precision != Precision::Float32, "precision",
          "\"float32\" has no kernel for process = \"cld\" with sampler \"" + request.sampler->name() +
              "\"; use \"float64\"");
  // A block of the run (particle_block.hpp): every CLD stepper moves each particle on its own.
  const ParticleBlock block = resolve_particle_block(request.block, request.particles);
  return std::make_unique<CldReverseDiffusion>(
      process_, grid(request.grid, request.T, request.delta, request.steps), sampler->stepper(),
      std::make_shared<ExactVelocityScore>(request.target, process_), block.count, request.seed, sampler->denoise(),
      static_cast<std::uint32_t>(block.first));
}

Inspection CldDiffusion::inspect(const RunRequest& request, const InspectionRequest& what) const {
  // The state is (x, v) and q_t a law on R^{2d}: the coefficients a(t), σ(t) and the scores of inspection.hpp are those
  // of processes on R^d, so only the grid and the sampler are reported.
  require(what.times.empty() && what.points.rows() == 0, "inspect",
          "times and points are evaluated for processes on R^d; process \"cld\" reports its grid and sampler only");
  Inspection out;
  out.grid = grid(request.grid, request.T, request.delta, request.steps).times();
  out.times = out.grid;
  out.sampler = sampler_properties(*request.sampler, kFamily);
  return out;
}

std::vector<Bound> CldDiffusion::bounds(const RunRequest&, const std::vector<std::string>&, const BoundOptions&) const {
  throw InvalidArgument(
      "bounds: are not available with process = \"cld\" (the bounds are written for processes on R^d); leave "
      "\"bounds\" out");
}

ScoreErrorProfile CldDiffusion::score_error_profile(const RunRequest&, const MonteCarloOptions&) const {
  throw InvalidArgument(
      "metrics: \"score_error\" is not available with process = \"cld\" (its score is the velocity score ∇_v ln p_t)");
}

}  // namespace sgm
