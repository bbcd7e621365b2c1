#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "sgm/target/gaussian_mixture.hpp"
#include "sgm/target/modified_half_normal.hpp"
#include "sgm/target/point_cloud.hpp"
#include "sgm/target/product_target.hpp"
#include "support/test_support.hpp"

using sgm::CounterRng;
using sgm::Matrix;
using sgm::Particles;
using sgm::Stream;
using sgm::Vector;

namespace {

// The three kinds of target: a mixture with a full covariance, a point cloud and a product law.
std::vector<std::shared_ptr<const sgm::Target>> sampled_targets() {
  Matrix full(2, 2);
  full << 1.0, 0.3, 0.3, 0.5;
  const std::vector<Vector> means = {Vector::Zero(2), Vector::Constant(2, 3.0)};
  return {std::make_shared<sgm::GaussianMixture>(std::vector<double>{0.3, 0.7}, means,
                                                 std::vector<Matrix>{full, 0.2 * Matrix::Identity(2, 2)}),
          std::make_shared<sgm::PointCloud>(sgm::test::normal_particles(50, 3, 7)),
          std::make_shared<sgm::ProductTarget>(sgm::make_elastic_net(0.5, 1.0), 2)};
}

}  // namespace

TEST_CASE("sample_rows and sample_perturbed_rows: blocks drawn apart are the whole sample, bit for bit") {
  const CounterRng rng(11);
  const std::size_t n = 9000;  // more than two of sample_perturbed's 4096-row blocks, the last one partial
  for (const auto& target : sampled_targets()) {
    INFO("target " << target->name());
    const Particles whole = target->sample(n, rng, Stream::Reference);
    for (std::size_t first : {0, 1, 4095, 4096, 8999}) {
      const std::size_t count = std::min<std::size_t>(1000, n - first);
      CHECK(target->sample_rows(first, count, rng, Stream::Reference) ==
            whole.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count)));
    }
    // sample_perturbed draws a X_0 + s Z in blocks: the same bits as the whole arrays combined at once.
    const double a = 0.8, s = 0.6;
    Particles z(static_cast<Eigen::Index>(n), target->dim());
    rng.fill_normal(z, 0, Stream::ReferenceNoise);
    const Particles expected = a * whole + s * z;
    const Particles perturbed = target->sample_perturbed(n, a, s, rng, Stream::Reference, Stream::ReferenceNoise);
    CHECK(perturbed == expected);
    CHECK(target->sample_perturbed_rows(4000, 200, a, s, rng, Stream::Reference, Stream::ReferenceNoise) ==
          expected.middleRows(4000, 200));
  }
}
