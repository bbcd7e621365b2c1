#pragma once
// Cancellation of long work: one process-wide flag that the loops of a run (each grid step), of a sweep (each run) and
// of the Monte Carlo bounds (each quadrature node) poll. A front end sets it from outside the work, e.g. the CLI's
// SIGINT handler (setting a lock-free std::atomic<bool> is async-signal-safe); the loop that sees it throws Cancelled
// saying where it stopped. The page cancels by terminating its worker instead.
#include <stdexcept>
#include <string>

namespace sgm {

// Thrown by a polling loop once cancellation was requested; the message says where the work stopped.
class Cancelled : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

void request_cancellation();  // async-signal-safe
void clear_cancellation();
bool cancellation_requested();

// Throws Cancelled("cancelled " + where()) when cancellation was requested; `where` is called only then.
template <class Where>
void poll_cancellation(Where&& where) {
  if (cancellation_requested()) throw Cancelled("cancelled " + std::string(where()));
}

}  // namespace sgm
