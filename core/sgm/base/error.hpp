#pragma once
// Errors for bad input. Every constructor and entry point of the core validates its parameters and throws
// sgm::InvalidArgument whose message names the parameter, the value it got and the allowed range, e.g.
//   "steps = -3 is out of range: must be an integer in [1, 1000000]".
// Front ends (CLI, WebAssembly, page) show this message unchanged.
#include <sstream>
#include <stdexcept>
#include <string>

namespace sgm {

class InvalidArgument : public std::invalid_argument {
public:
  using std::invalid_argument::invalid_argument;
};

// Format a double so that NaN and infinities read as such in messages, and whole numbers up to 2^53 in full.
std::string format_value(double value);

// Throws InvalidArgument("<name> = <value> is out of range: must be <allowed>") unless `ok`.
void require(bool ok, const std::string& name, double value, const std::string& allowed);

// Throws InvalidArgument("<name>: <what>") unless `ok`; for conditions that are not a single number.
void require(bool ok, const std::string& name, const std::string& what);

}  // namespace sgm
