#include "sgm/base/parallel_blocks.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace sgm {

unsigned resolve_threads(unsigned requested) {
#ifdef __EMSCRIPTEN__
  (void)requested;
  return 1;
#else
  if (requested != 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
#endif
}

void parallel_blocks(std::size_t blocks, unsigned threads, const std::function<void(std::size_t)>& work) {
  if (blocks == 0) return;
  const auto helpers = static_cast<std::size_t>(std::min<std::size_t>(resolve_threads(threads), blocks)) - 1;
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (std::size_t b = next++; b < blocks && !failed; b = next++) {
      try {
        work(b);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(helpers);
  for (std::size_t i = 0; i < helpers; ++i) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

void parallel_ranges(std::size_t length, std::size_t per_task, unsigned threads,
                     const std::function<void(std::size_t, std::size_t)>& work) {
  parallel_blocks((length + per_task - 1) / per_task, threads, [&](std::size_t block) {
    const std::size_t first = block * per_task;
    work(first, std::min(per_task, length - first));
  });
}

}  // namespace sgm
