#include "sgm/base/cancellation.hpp"

#include <atomic>

namespace sgm {

namespace {
std::atomic<bool> requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler may only set a lock-free atomic");
}  // namespace

void request_cancellation() { requested.store(true, std::memory_order_relaxed); }
void clear_cancellation() { requested.store(false, std::memory_order_relaxed); }
bool cancellation_requested() { return requested.load(std::memory_order_relaxed); }

}  // namespace sgm
