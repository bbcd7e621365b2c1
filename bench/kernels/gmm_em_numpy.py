"""The benchmark job (bench/kernels/gmm-em.mjs) in NumPy, float64, vectorised over particles and components (K × n
arrays): exact OU-perturbed mixture score via log-sum-exp, Euler–Maruyama step, NumPy's normal generator.
Usage: /usr/bin/python3 gmm_em_numpy.py JOB.json [--repeats R] [--samples OUT.npy-less text]
Prints {"seconds": best, "particle_steps_per_second": ...}; with --samples writes the particles as whitespace text.
Debian's python3-numpy loads only in Debian's own /usr/bin/python3."""
import json
import sys
import time

import numpy as np


def run(job):
    n, steps, d = job["particles"], job["steps"], job["dim"]
    w = np.asarray(job["weights"], dtype=float)
    means = np.asarray(job["means"], dtype=float)
    s2 = np.asarray(job["variances"], dtype=float)
    rng = np.random.default_rng(job["seed"])
    x = rng.standard_normal((n, d))
    h = (job["T"] - job["delta"]) / steps
    for k in range(steps):
        t = job["T"] - k * h
        alpha = np.exp(-t)
        v = alpha * alpha * s2 + 1 - alpha * alpha
        mu = alpha * means  # K × d
        diff = mu[:, None, :] - x[None, :, :]  # K × n × d
        logits = (np.log(w) - 0.5 * d * np.log(v))[:, None] - 0.5 * np.einsum("knd,knd->kn", diff, diff) / v[:, None]
        logits -= logits.max(axis=0)
        p = np.exp(logits)
        p /= p.sum(axis=0)
        score = np.einsum("kn,knd->nd", p / v[:, None], diff)
        x = (1 + h) * x + 2 * h * score + np.sqrt(2 * h) * rng.standard_normal((n, d))
    return x


def main():
    job = json.load(open(sys.argv[1]))
    repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 1
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        x = run(job)
        best = min(best, time.perf_counter() - start)
    if "--samples" in sys.argv:
        np.savetxt(sys.argv[sys.argv.index("--samples") + 1], x)
    print(json.dumps({"seconds": best, "particle_steps_per_second": job["particles"] * job["steps"] / best}))


if __name__ == "__main__":
    main()
