#include "support/slope_fit.hpp"

#include <cmath>
#include <sstream>

namespace sgm::test {

double log_log_slope(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += std::log(x[i]) / n;
    my += std::log(y[i]) / n;
  }
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (std::log(x[i]) - mx) * (std::log(y[i]) - my);
    sxx += (std::log(x[i]) - mx) * (std::log(x[i]) - mx);
  }
  return sxy / sxx;
}

OrderFit fitted_order(const std::function<double(int steps)>& error, int finest) {
  std::vector<double> ns, errors;
  for (int N = 10; N <= finest; N *= 2) {
    ns.push_back(N);
    errors.push_back(error(N));
  }
  const std::size_t first = ns.size() - 4;
  const std::vector<double> fit_n(ns.begin() + first, ns.end()), fit_e(errors.begin() + first, errors.end());
  OrderFit fit{-log_log_slope(fit_n, fit_e), {}};
  std::ostringstream line;
  line << "fitted slope " << fit.slope << " on N = " << fit_n.front() << "…" << ns.back() << " ("
       << -log_log_slope(ns, errors) << " on 10…" << ns.back() << "), error at N = 10, " << ns.back() << ": "
       << errors.front() << ", " << errors.back();
  fit.summary = line.str();
  return fit;
}

}  // namespace sgm::test
