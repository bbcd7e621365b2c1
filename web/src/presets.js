// One-click settings of the seed papers (docs/theory.md §2–§6, §7.8). Each preset is a query string, so `?preset=chen`
// links to it, later keys of the URL override it, and what it runs is what its URL says. DOM-free.

export const presets = [
  {
    id: 'chen',
    label: 'Chen et al.: TV bound with a score error',
    query: 'target=gmm&sampler=ei&score=bias&score.epsilon=0.05&delta=0.01',
    explanation: 'Chen et al. (2023, docs/theory.md §2) bound the error of the exponential integrator by three terms: '
      + 'forgetting the start (e^−T), the step (√(dh)) and the score error (ε√T). Here the 8-mode mixture is sampled '
      + 'with a score off by ε = 0.05: the W2 plot falls with N and then levels off where the score error, which no '
      + 'number of steps removes, is all that is left; the KL plot shows the certified bound (constants 1) above the '
      + 'measured KL. Raise score: epsilon to see the level rise.',
  },
  {
    id: 'lee-lu-tan-pc',
    label: 'Lee–Lu–Tan: predictor–corrector under LSI',
    query: 'target=gaussian&process=ve&sampler=pc&sampler.corrector_steps=1&sweep=5,10,20,40,80',
    explanation: 'Lee, Lu and Tan (2022, §3) prove polynomial convergence for a Gaussian-like (log-Sobolev) target '
      + 'on the variance-exploding process, for a predictor (a reverse-SDE step between noise levels) followed by '
      + 'Langevin corrector moves at each level. Compare pc with em, its predictor alone, on the same steps.',
  },
  {
    id: 'lee-lu-tan-ald',
    label: 'Lee–Lu–Tan: annealed Langevin',
    query: 'target=gaussian&process=ve&sampler=ald&sampler.steps_per_level=10&steps=40&sweep=5,10,20,40&sweepParticles=2000',
    explanation: 'Annealed Langevin dynamics (§3, §7.6): Langevin moves on each noise level of the VE process from the '
      + 'largest to the smallest, each level warm-starting the next — the scheme whose analysis needs annealing. '
      + 'Each grid level costs steps_per_level score evaluations.',
  },
  {
    id: 'bruno-sabanis-double-well',
    label: 'Bruno–Sabanis: double well, W2 of order 1',
    query: 'target=double_well&sampler=em',
    explanation: 'Bruno and Sabanis (2025, §5) bound the W2 error of Euler–Maruyama by order one in the step for '
      + 'semiconvex targets. The 1-D double well (a non-convex potential) is shown as a histogram against its exact '
      + 'density; the fitted slope of W2 against N is close to −1. Raise the target\'s dim to 4 or 16: the error grows '
      + 'like √d.',
  },
  {
    id: 'bruno-sabanis-elastic-net',
    label: 'Bruno–Sabanis: elastic net (discontinuous gradient)',
    query: 'target=elastic_net&sampler=em',
    explanation: 'The elastic-net law ∝ exp(−λ₁|y| − λ₂y²/2) has a gradient that jumps at 0 (§5, example 4): '
      + 'semiconvex but not smooth, the case Bruno–Sabanis cover. W2 still falls like N^{−1}.',
  },
  {
    id: 'bruno-sabanis-half-normal',
    label: 'Bruno–Sabanis: modified half-normal',
    query: 'target=modified_half_normal&sampler=em',
    explanation: 'The symmetric modified half-normal ∝ |y|^{α−1} exp(−βy² + γ|y|) with α = 1, γ = −1 (§5, example 1): '
      + 'semiconvex with a kink at 0. W2 of order 1 in the step; raise dim to see the √d growth.',
  },
  {
    id: 'benton',
    label: 'Benton et al.: exponential grid',
    query: 'target=gmm&sampler=ei&grid=exponential',
    explanation: 'Benton et al. (2024, §6) bound KL nearly linearly in d for the exponential integrator on a grid '
      + 'that is uniform far from the data and geometric near it. The KL plot draws their Theorem 1 (hidden constant '
      + 'shown as C = 1) beside the certified bound and the measured KL; switch the grid to uniform to compare.',
  },
  {
    id: 'cld',
    label: 'CLD with the SSCS sampler',
    query: 'target=gaussian&process=cld&sampler=sscs',
    explanation: 'Critically damped Langevin diffusion (Dockhorn et al. 2022, §7.8) noises positions through a '
      + 'velocity, so only the velocity score is needed; SSCS splits each step into exact half steps of the linear '
      + 'part around an Euler score step. The bounds of §8 are for processes on R^d, so only W2 is plotted.',
  },
];

export const presetOf = (id) => presets.find((p) => p.id === id);
