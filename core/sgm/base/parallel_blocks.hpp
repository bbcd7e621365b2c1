#pragma once
// All cores on one loop: run work(b) for every block b in [0, blocks) on `threads` threads (std::thread, one per extra
// thread per call; each thread takes the next block from a shared counter). The caller's work must make a block's
// result independent of which thread runs it and in what order (the float32 sampler: one particle per lane, noise
// keyed by the particle), so that results are the same for every thread count. WebAssembly builds have no threads
// (the page needs no SharedArrayBuffer): there every call runs the blocks in order on the calling thread.
#include <cstddef>
#include <functional>

namespace sgm {

// The thread count a request of `requested` threads gets: 0 means all hardware threads (at least 1); 1 in WebAssembly.
unsigned resolve_threads(unsigned requested);

void parallel_blocks(std::size_t blocks, unsigned threads, const std::function<void(std::size_t)>& work);

// parallel_blocks over [0, length) cut into ranges of per_task items (the last one shorter): work(first, count) for
// each range, range first / per_task being block first / per_task.
void parallel_ranges(std::size_t length, std::size_t per_task, unsigned threads,
                     const std::function<void(std::size_t, std::size_t)>& work);

}  // namespace sgm
