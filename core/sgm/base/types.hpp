#pragma once
// Shared array types.
//
// Particles are stored as an n × d column-major matrix: one contiguous array per coordinate (structure of arrays),
// so that coordinate j of particle i is data()[j * n + i]. The page reads this buffer without a copy.
// Everything is double precision: the exact-law and convergence tests compare against closed forms at the 1e-10 level,
// which float32 particles could not support.
#include <Eigen/Core>

namespace sgm {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
using Particles = Eigen::MatrixXd;  // n × d, column-major

}  // namespace sgm
