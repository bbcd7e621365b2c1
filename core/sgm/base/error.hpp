#pragma once
// Errors for bad input. Every constructor and entry point of the core validates its parameters and throws
// sgm::InvalidArgument whose message names the parameter, the value it got and the allowed range, e.g.
//   "steps = -3 is out of range: must be an integer in [1, 1000000]".
// Front ends (CLI, WebAssembly, page) show this message unchanged.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace sgm {

class InvalidArgument : public std::invalid_argument {
public:
  using std::invalid_argument::invalid_argument;
};

// Format a double so that NaN and infinities read as such in messages, and whole numbers up to 2^53 in full.
std::string format_value(double value);

// `value` with `digits` significant digits, in fixed or scientific notation whichever is shorter (printf's %g).
std::string format_general(double value, int digits);

// Throws InvalidArgument("<name> = <value> is out of range: must be <allowed>") unless `ok`.
void require(bool ok, const std::string& name, double value, const std::string& allowed);

// Throws InvalidArgument("<name>: <what>") unless `ok`; for conditions that are not a single number.
void require(bool ok, const std::string& name, const std::string& what);

// The same with a message built only on failure: `what` is called (returning the text) when `ok` is false, so that a
// valid input never pays for a message that quotes its values.
template <class Message, std::enable_if_t<std::is_invocable_r_v<std::string, Message>, int> = 0>
void require(bool ok, const std::string& name, Message&& what) {
  if (!ok) throw InvalidArgument(name + ": " + what());
}

// The same with the allowed range built only on failure.
template <class Allowed, std::enable_if_t<std::is_invocable_r_v<std::string, Allowed>, int> = 0>
void require(bool ok, const std::string& name, double value, Allowed&& allowed) {
  if (!ok) require(false, name, value, std::string(allowed()));
}

// Throws InvalidArgument("<name>: must contain only finite numbers (got NaN or Infinity)") unless every entry of the
// Eigen array or matrix `values` is finite.
template <class Values>
void require_finite(const Values& values, const std::string& name) {
  require(values.allFinite(), name, "must contain only finite numbers (got NaN or Infinity)");
}

// "<name>[k]": the name of the k-th element of a listed parameter, for messages.
std::string indexed(const std::string& name, std::size_t k);

// At most `max` characters of `text` (a value or a name quoted in a message): longer text is cut, at a UTF-8
// character boundary, and ends in "..." with its full length, so that no message echoes a huge input.
std::string shortened(const std::string& text, std::size_t max = 80);

}  // namespace sgm
