#pragma once
// Shared by the libFuzzer targets of this folder (docs/development.md, "Fuzzing"). The input is a document's text;
// sgm::InvalidArgument (bad input, explained by a message) is a correct answer. Anything else that escapes — another
// exception (std::terminate), a sanitizer report, a crash, a timeout, memory beyond libFuzzer's -rss_limit_mb — is a
// finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sgm/base/error.hpp"

namespace sgm::fuzz {

template <class Check>
int accept_clear_errors(const std::uint8_t* data, std::size_t size, Check&& check) {
  try {
    check(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const InvalidArgument&) {
  }
  return 0;
}

}  // namespace sgm::fuzz
