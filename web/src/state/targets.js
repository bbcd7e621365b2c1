// What the page fills in for the core's targets: values for the parameters the catalogue marks required but gives no
// default (the 2-D Gaussian and the 8-mode mixture are the committed examples, so the page and the CLI run the same
// laws), a label for each, the square the particle view shows, and a lower bound on the data's variance in every
// direction (for the stability check). DOM-free.
import gmm2d from '../../../examples/gmm2d.json' with { type: 'json' };
import gaussian2d from '../../../examples/gaussian2d.json' with { type: 'json' };

const withoutKind = (spec) => Object.fromEntries(Object.entries(spec).filter(([key]) => key !== 'kind'));

// Page values of required parameters, per target kind (editable ones appear as controls; vectors and matrices do not,
// except the points of `points`, typed as "x,y;x,y;…").
export const requiredValues = {
  gaussian: withoutKind(gaussian2d.target),
  gmm: withoutKind(gmm2d.target),
  points: { points: [[-1, -1], [-1, 1], [1, -1], [1, 1], [0, 0]] },
  double_well: { dim: 1 },
  elastic_net: { dim: 1, lambda1: 1, lambda2: 1 },
  modified_half_normal: { dim: 1, alpha: 1, beta: 1, gamma: -1 },
};

export const targetLabels = {
  gmm: '8-mode Gaussian mixture on a ring',
  gaussian: 'correlated 2-D Gaussian',
  points: 'your points (empirical measure)',
  ring: 'uniform ring (point cloud)',
  square: 'uniform square (point cloud)',
  swiss_roll: 'swiss roll (point cloud)',
  two_moons: 'two moons (point cloud)',
  double_well: 'double well (Bruno–Sabanis)',
  elastic_net: 'elastic net (Bruno–Sabanis)',
  modified_half_normal: 'symmetric modified half-normal (Bruno–Sabanis)',
};

// The target's JSON: {kind, ...page values of required parameters, ...values the user set}.
export function targetSpec(kind, options = {}) {
  return { kind, ...(requiredValues[kind] ?? {}), ...options };
}

// The dimension of a target spec, where the spec says it (dim, mean, means, points); 2 for the 2-D point clouds.
export function dimensionOf(spec) {
  if (spec.dim !== undefined) return spec.dim;
  if (spec.mean) return spec.mean.length;
  if (spec.means) return spec.means[0].length;
  if (spec.points) return spec.points[0]?.length ?? 2;
  return 2;
}

// A lower bound on the smallest eigenvalue of a symmetric matrix (Gershgorin discs), at least 0.
function eigenvalueLowerBound(matrix) {
  const bounds = matrix.map((row, i) => row[i] - row.reduce((sum, v, j) => (j === i ? sum : sum + Math.abs(v)), 0));
  return Math.max(0, Math.min(...bounds));
}

// c ≥ 0 with Cov ⪰ c I for every Gaussian piece of the data: then ∇² ln q_t ⪰ -I/(a(t)² c + σ(t)²) (docs/theory.md
// §1, score facts: exact for a Gaussian, the mixture's extra term is positive semi-definite; Tweedie gives c = 0 for
// any law).
export function varianceLowerBound(spec) {
  if (spec.kind === 'gaussian') return eigenvalueLowerBound(spec.covariance);
  if (spec.kind === 'gmm') return Math.min(...spec.covariances.map(eigenvalueLowerBound));
  return 0;
}

// A square view [-L, L]² that holds the prior N(0, I) and the data, for the particle canvas.
export function viewRadius(spec) {
  let reach = 3.5; // ±3.5 standard deviations of the standard Gaussian prior
  if (spec.kind === 'gaussian' || spec.kind === 'gmm') {
    const means = spec.means ?? [spec.mean];
    const covs = spec.covariances ?? [spec.covariance];
    means.forEach((m, j) => {
      const spread = 3 * Math.sqrt(Math.max(...covs[j].map((row, i) => row[i])));
      reach = Math.max(reach, ...m.slice(0, 2).map((x) => Math.abs(x) + spread));
    });
  } else if (spec.kind === 'points') {
    for (const p of spec.points) reach = Math.max(reach, ...p.slice(0, 2).map((x) => 1.2 * Math.abs(x)));
  } else if (spec.kind === 'ring') {
    reach = Math.max(reach, 1.2 * ((spec.radius ?? 2) + (spec.width ?? 0.2)));
  } else if (spec.kind === 'square') {
    reach = Math.max(reach, 1.2 * (spec.half_width ?? 1));
  } else if (spec.kind === 'double_well') {
    reach = Math.max(reach, 1.5 * (spec.well ?? 1) + 1);
  }
  return 1.1 * reach;
}
