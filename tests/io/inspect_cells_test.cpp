#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/experiment/cell_grid.hpp"
#include "sgm/io/inspection_json.hpp"
#include "sgm/io/json_text.hpp"

using sgm::io::Json;

namespace {

// A 2-D Gaussian N(m, diag(v)) on OU (a(t) = e^{-t}, σ(t)² = 1 - e^{-2t}): q_t = N(a m, a² diag(v) + σ² I) in closed
// form (docs/theory.md §1), the independent value of the log density and the score at a point.
const Json kExperiment = Json::parse(R"({"target": {"kind": "gaussian", "mean": [1, -0.5],
  "covariance": [[0.5, 0], [0, 0.3]]}, "process": "ou", "steps": 10, "particles": 100})");

}  // namespace

TEST_CASE("cell_centre_request: the cell centres row-major from the bottom row, the other coordinates 0") {
  const sgm::CellGrid cells{-2.0, 2.0, -1.0, 3.0, 4, 2};
  const sgm::InspectionRequest r = sgm::cell_centre_request(0.5, cells, 3);
  REQUIRE(r.points.rows() == 8);
  REQUIRE(r.points.cols() == 3);
  CHECK(r.times == std::vector<double>{0.5});
  // Cell (i, j) = (1, 0): x = -2 + 1.5 · 4/4 = -0.5, y = -1 + 0.5 · 4/2 = 0; (3, 1): x = 1.5, y = 2.
  CHECK(r.points(1, 0) == -0.5);
  CHECK(r.points(1, 1) == 0.0);
  CHECK(r.points(7, 0) == 1.5);
  CHECK(r.points(7, 1) == 2.0);
  CHECK(r.points.col(2).isZero());
  // 1-D: one row of centres on [x0, x1].
  const sgm::InspectionRequest line = sgm::cell_centre_request(0.5, {0.0, 1.0, 0.0, 0.0, 4, 1}, 1);
  CHECK(line.points(3, 0) == 0.875);
}

TEST_CASE("inspect_cells: the JSON inspect at the same points, and the closed form of q_t for a Gaussian") {
  const sgm::CellGrid cells{-3.0, 3.0, -2.0, 2.0, 6, 5};
  const double t = 0.7;
  const sgm::FieldAtTime f = sgm::io::inspect_cells(kExperiment.dump(), t, cells);
  // The same points as JSON text through `inspect` (the page's other path).
  Json doc = kExperiment;
  Json points = Json::array();
  const sgm::InspectionRequest r = sgm::cell_centre_request(t, cells, 2);
  for (Eigen::Index k = 0; k < r.points.rows(); ++k) points.push_back({r.points(k, 0), r.points(k, 1)});
  doc["inspect"] = {{"times", {t}}, {"points", points}};
  const Json json = sgm::io::inspect_document(doc)["fields"][0];
  REQUIRE(f.log_density.size() == 30);
  const double a = std::exp(-t), s2 = -std::expm1(-2 * t);
  const double m[2] = {1.0, -0.5}, v[2] = {0.5, 0.3};
  for (Eigen::Index k = 0; k < 30; ++k) {
    CHECK(f.log_density(k) == json["log_density"][k].get<double>());
    double log_q = 0.0;
    for (int c = 0; c < 2; ++c) {
      CHECK(f.score(k, c) == json["score"][k][c].get<double>());
      CHECK(f.model_score(k, c) == f.score(k, c));  // exact score: the model is the score
      const double var = a * a * v[c] + s2, d = r.points(k, c) - a * m[c];
      log_q += -0.5 * (d * d / var + std::log(2 * M_PI * var));
      CHECK(f.score(k, c) == doctest::Approx(-d / var).epsilon(1e-12));
    }
    CHECK(f.log_density(k) == doctest::Approx(log_q).epsilon(1e-12));
  }
}

TEST_CASE("inspect_cells: a bad grid names the field, its value and the allowed range") {
  auto message = [](const sgm::CellGrid& cells) {
    try {
      sgm::io::inspect_cells(kExperiment.dump(), 0.5, cells);
    } catch (const sgm::InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message({-1, 1, -1, 1, 0, 4}).find("nx = 0") != std::string::npos);
  CHECK(message({-1, 1, -1, 1, 4, 4}).find("no error") != std::string::npos);
  CHECK(message({1, -1, -1, 1, 4, 4}).find("x1 = -1") != std::string::npos);
  CHECK(message({-1, 1, -1, NAN, 4, 4}).find("y1 = NaN") != std::string::npos);
  CHECK(message({-1, 1, -1, 1, 2048, 1024}).find("at most 2^20 cells") != std::string::npos);
}
