// The formula panel's text, DOM-free: each sampler's update rule and each bound's inequality in TeX (KaTeX, strict
// mode), every symbol linked to its section of docs/theory.md (rendered as docs/theory.html, headings "§N" get the id
// "sN"), and the substitution of a run's numbers into a bound (the result JSON's bounds[name].terms, in the core's
// order). `\lnk{N}{…}` in the TeX below marks a symbol of docs/theory.md §N; toTex() turns it into a link.
import { timed } from '../timing.js';

const raw = String.raw;

// Symbols shared by several rules: [TeX, meaning, section].
const s = {
  s: [raw`s(t, x)`, 'the score model at forward time t (the exact score ∇ln q_t plus the run\'s score error)', '1'],
  a: [raw`a(t)`, 'mean factor of the forward process: X_t = a(t) X_0 + σ(t) Z', '1'],
  sigma: [raw`\sigma(t)`, 'standard deviation of the forward noise at time t', '1'],
  fg: [raw`f(t),\ g(t)^2`, 'drift rate and squared diffusion of dX = −f X dt + g dB', '1'],
  xi: [raw`\xi`, 'fresh standard normal noise, one per particle and step', '1'],
  grid: [raw`t > t'`, 'two consecutive grid times, walked from T down to δ; h = t − t\'', '7.11'],
  var: [raw`\beta,\ \sqrt{\alpha}`, 'Var(X_t | X_t\') and a(t)/a(t\')', '7.2'],
  x0: [raw`\hat x_0`, 'Tweedie\'s denoised estimate (x + σ(t)² s)/a(t)', '7.2'],
  v: [raw`v(\tau, x)`, 'probability-flow velocity f(τ) x + ½ g(τ)² s(τ, x)', '7.5'],
  snr: [raw`r,\ M`, 'corrector target signal-to-noise ratio and corrector moves per step', '7.6'],
  lambda: [raw`\lambda(t),\ D`, 'half log-SNR ln(a/σ) and the data prediction x̂_0', '7.10'],
  cld: [raw`M,\ \Gamma,\ \beta(t)`, 'CLD mass, friction (Γ² = 4M) and time scaling; s_v the velocity score', '7.8'],
};

// Sampler update rules (one step from forward time t to t' < t, the grid walked from T down to δ).
export const samplerFormulas = {
  ei: {
    title: 'Exponential integrator: the score frozen per step, the linear part solved exactly',
    tex: raw`Y' = \lnk{1}{\tfrac{a(t')}{a(t)}}\,Y + \lnk{1}{a(t')}\Big[\int_{t'}^{t}\tfrac{\lnk{1}{g^2}}{\lnk{1}{a}}\Big]\,\lnk{1}{s(t, Y)} + \tfrac{a(t')}{a(t)}\sqrt{\operatorname{Var}(X_t \mid X_{t'})}\;\lnk{1}{\xi}`,
    symbols: [s.s, s.a, s.fg, s.xi, s.grid],
  },
  em: {
    title: 'Euler–Maruyama on the reverse SDE',
    tex: raw`Y' = Y + h\,\big(\lnk{1}{f(t)}\,Y + \lnk{1}{g(t)^2}\,\lnk{1}{s(t, Y)}\big) + g(t)\sqrt{h}\;\lnk{1}{\xi}`,
    symbols: [s.s, s.fg, s.xi, s.grid],
  },
  ddpm: {
    title: 'DDPM ancestral sampling (Ho et al. 2020, Algorithm 2), for any linear process',
    tex: raw`X' = \frac{X + \lnk{7.2}{\beta}\,\lnk{1}{s(t, X)}}{\lnk{7.2}{\sqrt{\alpha}}} + \sigma_{\text{noise}}\,\lnk{1}{\xi},\qquad \sigma_{\text{noise}}^2 = \tilde\beta = \beta\,\tfrac{\sigma(t')^2}{\sigma(t)^2}\ \text{(fixed\_small) or } \beta\ \text{(fixed\_large)}`,
    symbols: [s.s, s.var, s.sigma, s.xi, s.grid],
  },
  ddim: {
    title: 'DDIM(η) (Song, Meng, Ermon 2021, Eq. 12)',
    tex: raw`X' = \lnk{1}{a(t')}\,\lnk{7.2}{\hat x_0} + \sqrt{\lnk{1}{\sigma(t')}^2 - \sigma_\eta^2}\;\hat\varepsilon + \sigma_\eta\,\lnk{1}{\xi},\qquad \hat\varepsilon = -\sigma(t)\,\lnk{1}{s(t, X)},\quad \sigma_\eta^2 = \eta^2\,\lnk{7.2}{\tilde\beta}`,
    symbols: [s.s, s.x0, s.var, s.a, s.sigma, s.xi],
  },
  pf_euler: {
    title: 'Probability-flow ODE, Euler step (order 1)',
    tex: raw`X' = X + h\,\lnk{7.5}{v(t, X)},\qquad v(\tau, x) = \lnk{1}{f(\tau)}\,x + \tfrac12\,\lnk{1}{g(\tau)^2}\,\lnk{1}{s(\tau, x)}`,
    symbols: [s.v, s.s, s.fg, s.grid],
  },
  pf_heun: {
    title: 'Probability-flow ODE, Heun step (explicit trapezoid, order 2, two score evaluations)',
    tex: raw`\tilde X = X + h\,\lnk{7.5}{v(t, X)},\qquad X' = X + \tfrac{h}{2}\big(v(t, X) + v(t', \tilde X)\big)`,
    symbols: [s.v, s.s, s.grid],
  },
  pc: {
    title: 'Predictor–corrector: M Langevin moves at target SNR r, then the predictor',
    tex: raw`\varepsilon = 2\alpha\Big(\lnk{7.6}{r}\,\tfrac{|z|}{|g|}\Big)^2,\quad x \leftarrow x + \varepsilon\,\lnk{1}{s(t, x)} + \sqrt{2\varepsilon}\,z\ \ (\lnk{7.6}{M}\text{ times}),\quad\text{then } x \leftarrow \text{predictor}(x)`,
    symbols: [s.snr, s.s, [raw`g,\ z,\ \alpha`, 'g = s(t, x), z standard normal, α = a(t)²/a(t\')²; norms averaged over the batch', '7.6']],
  },
  ald: {
    title: 'Annealed Langevin dynamics (Song & Ermon 2019, Algorithm 1)',
    tex: raw`x \leftarrow x + \varepsilon\,\lnk{1}{s(t', x)} + \sqrt{2\varepsilon}\,\lnk{1}{\xi}\ \ (M\text{ times per level}),\qquad \varepsilon = \varepsilon_0\,\frac{\lnk{1}{\sigma(t')}^2}{\sigma(\delta)^2}`,
    symbols: [s.s, s.sigma, s.xi, [raw`\varepsilon_0,\ M`, 'step_size and steps_per_level; ε_0 ≤ σ(δ)² keeps every move contracting', '7.6']],
  },
  dpmpp_2m: {
    title: 'DPM-Solver++(2M): second-order multistep in the data prediction',
    tex: raw`X' = \frac{\lnk{1}{\sigma(t')}}{\sigma(t)}\,X - \lnk{1}{a(t')}\,\big(e^{-h} - 1\big)\,\bar D,\qquad \bar D = \Big(1 + \tfrac{1}{2r}\Big)D_i - \tfrac{1}{2r}\,D_{i-1},\quad h = \lnk{7.10}{\lambda(t')} - \lambda(t),\ r = \tfrac{h_{i-1}}{h_i}`,
    symbols: [s.lambda, s.a, s.sigma, [raw`D_i`, 'data prediction (X + σ(t)² s)/a(t) at step i; the first step uses D̄ = D_0', '7.10']],
  },
  dpmpp_2m_sde: {
    title: 'DPM-Solver++(2M) SDE with noise ratio η',
    tex: raw`X' = \frac{\lnk{1}{\sigma(t')}}{\sigma(t)}e^{-\eta h}X - \lnk{1}{a(t')}\big(e^{-(1+\eta)h} - 1\big)\Big(D_i + \tfrac{1}{2r}(D_i - D_{i-1})\Big) + \sigma(t')\sqrt{1 - e^{-2\eta h}}\;\lnk{1}{\xi}`,
    symbols: [s.lambda, s.a, s.sigma, s.xi, [raw`\eta`, 'noise ratio: 1 the reverse SDE, 0 the deterministic 2M', '7.10'],
      [raw`r`, 'h_{i-1}/h_i; the first step has no D_{i-1} term', '7.10']],
  },
  cld_em: {
    title: 'Euler–Maruyama on the reverse critically damped Langevin SDE (velocity score only)',
    tex: raw`x' = x - h\,\lnk{7.8}{M^{-1}\beta}\,v,\qquad v' = v + h\big(\beta x + \lnk{7.8}{\Gamma} M^{-1}\beta v + 2\Gamma\beta\,\lnk{7.8}{s_v}\big) + \sqrt{2\Gamma\beta h}\;\lnk{1}{\xi}`,
    symbols: [s.cld, s.xi],
  },
  sscs: {
    title: 'Symmetric splitting CLD sampler: exact half steps of the linear part around an Euler score step',
    tex: raw`\tfrac{h}{2}\ \text{exact linear step},\qquad v \leftarrow v + 2\lnk{7.8}{\Gamma\beta(t)}\big(\lnk{7.8}{s_v}(x, v, t) + M^{-1}v\big)\,h,\qquad \tfrac{h}{2}\ \text{exact linear step}`,
    symbols: [s.cld],
  },
};

// Bounds: the inequality, the TeX of each term in the order the core reports them, and how the terms combine into
// the bound ('sum', or 'pinsker': min(1, sqrt(sum/2))). `quantity` is the left-hand side.
export const boundFormulas = {
  path_kl: { section: '8.1', quantity: raw`\mathrm{KL}_{\text{path}}`, combine: 'sum',
    tex: raw`\mathrm{KL}_{\text{path}} = \sum_k \int \frac{1}{2\lnk{1}{g(\tau)^2}}\,\mathbb{E}\,|\Delta b_k(\tau)|^2\,d\tau`,
    terms: [raw`\text{Monte Carlo}`] },
  initial_kl: { section: '8.2', quantity: raw`\mathrm{KL}(q_T \,\|\, \gamma^d)`, combine: 'sum',
    tex: raw`\mathrm{KL}(\lnk{1}{q_T} \,\|\, \lnk{1}{\gamma^d})`, terms: [raw`\mathrm{KL}(q_T\|\gamma^d)`] },
  certified_kl: { section: '8.2', quantity: raw`\mathrm{KL}(q_\delta \,\|\, p_{\text{out}})`, combine: 'sum',
    tex: raw`\mathrm{KL}(q_\delta \,\|\, p_{\text{out}}) \le \lnk{8.2}{\mathrm{KL}(q_T \,\|\, \gamma^d)} + \lnk{8.1}{\mathrm{KL}_{\text{path}}}`,
    terms: [raw`\mathrm{KL}(q_T\|\gamma^d)`, raw`\mathrm{KL}_{\text{path}}`] },
  certified_tv: { section: '8.2', quantity: raw`\mathrm{TV}(p_{\text{out}}, q_\delta)`, combine: 'pinsker',
    tex: raw`\mathrm{TV}(p_{\text{out}}, q_\delta) \le \min\Big(1, \sqrt{\tfrac12\big(\lnk{8.2}{\mathrm{KL}(q_T \,\|\, \gamma^d)} + \lnk{8.1}{\mathrm{KL}_{\text{path}}}\big)}\Big)`,
    terms: [raw`\mathrm{KL}(q_T\|\gamma^d)`, raw`\mathrm{KL}_{\text{path}}`] },
  early_stopping_w2: { section: '8.4', quantity: raw`W_2(q_\delta, q)`, combine: 'sum',
    tex: raw`W_2(q_\delta, q) \le \sqrt{(1 - \lnk{1}{a(\delta)})^2\,\lnk{1}{m_2^2} + \lnk{1}{\sigma(\delta)^2}\,d}`,
    terms: [raw`\sqrt{(1 - a(\delta))^2 m_2^2 + \sigma(\delta)^2 d}`] },
  bounded_support_w2: { section: '8.5', quantity: raw`W_2(\Pi\,p_{\text{out}}, q)`, combine: 'sum',
    tex: raw`W_2(\Pi\,p_{\text{out}}, q) \le 2R\,\sqrt{\lnk{8.2}{\mathrm{TV}(p_{\text{out}}, q_\delta)}} + \lnk{8.4}{W_2(q_\delta, q)}`,
    terms: [raw`2R\sqrt{\mathrm{TV}}`, raw`W_2(q_\delta, q)`] },
  initialisation_w2: { section: '8.6', quantity: raw`W_2`, combine: 'sum',
    tex: raw`W_2 \le \sqrt{e^{-2T}\lnk{1}{m_2^2} + (1 - \lnk{1}{\sigma_T})^2 d}\;\exp\!\big((T - \delta) - 2(\lnk{5}{B(T)} - B(\delta))\big)`,
    terms: [raw`\text{coupling}`] },
  chen_tv: { section: '2', quantity: raw`\mathrm{TV}(p_{\text{out}}, q_\delta)`, combine: 'sum',
    tex: raw`\mathrm{TV} \lesssim \sqrt{\mathrm{KL}(q\,\|\,\gamma^d)}\,e^{-T} + \big(\lnk{2}{L}\sqrt{d h} + L\,\lnk{1}{m_2}\,h\big)\sqrt{T} + \lnk{2}{\varepsilon_{\text{score}}}\sqrt{T}`,
    terms: [raw`C\sqrt{\mathrm{KL}}\,e^{-T}`, raw`C(L\sqrt{dh} + L m_2 h)\sqrt{T - \delta}`, raw`C\,\varepsilon_{\text{score}}\sqrt{T - \delta}`] },
  chen_bounded_support_tv: { section: '2', quantity: raw`\mathrm{TV}(p_{\text{out}}, q_\delta)`, combine: 'sum',
    tex: raw`\mathrm{TV} \lesssim \sqrt{\mathrm{KL}(q_\delta\|\gamma^d)}\,e^{-(T-\delta)} + \big(L_\delta\sqrt{d h} + L_\delta m_2 h\big)\sqrt{T-\delta} + \varepsilon_{\text{score}}\sqrt{T-\delta},\quad \lnk{2}{L_\delta} = \max\big(\sigma_\delta^{-2}, e^{-2\delta}R^2\sigma_\delta^{-4}\big)`,
    terms: [raw`C\sqrt{\mathrm{KL}}\,e^{-(T-\delta)}`, raw`C(L_\delta\sqrt{dh} + L_\delta m_2 h)\sqrt{T-\delta}`, raw`C\,\varepsilon_{\text{score}}\sqrt{T-\delta}`] },
  chen_cld_tv: { section: '2', quantity: raw`\mathrm{TV}(p_{\text{out}}, q \otimes \gamma^d)`, combine: 'sum',
    tex: raw`\mathrm{TV} \lesssim \sqrt{\mathrm{KL}(q\|\gamma^d) + \lnk{1}{\mathrm{FI}}(q\|\gamma^d)}\,e^{-cT} + \big(\lnk{2}{L}\sqrt{d h} + L m_2 h\big)\sqrt{T} + \varepsilon_{\text{score}}\sqrt{T}`,
    terms: [raw`C\sqrt{\mathrm{KL} + \mathrm{FI}}\,e^{-cT}`, raw`C(L\sqrt{dh} + L m_2 h)\sqrt{T - \delta}`, raw`C\,\varepsilon_{\text{score}}\sqrt{T - \delta}`] },
  benton_kl: { section: '6', quantity: raw`\mathrm{KL}(q_\delta \,\|\, p_{\text{out}})`, combine: 'sum',
    tex: raw`\mathrm{KL}(q_\delta \,\|\, p_{\text{out}}) \lesssim \lnk{6}{\varepsilon_{\text{score}}^2} + \lnk{6}{\kappa}^2 d N + \kappa\,d\,T + d\,e^{-2T}`,
    terms: [raw`C\varepsilon_{\text{score}}^2`, raw`C\kappa^2 d N`, raw`C\kappa d T`, raw`C d e^{-2T}`] },
  bruno_sabanis_w2: { section: '5', quantity: raw`W_2(p_{\text{out}}, q)`, combine: 'sum',
    tex: raw`W_2(p_{\text{out}}, q) \lesssim \lnk{8.6}{W_2^{\text{init}}} + \varepsilon_{\text{score}} + \sqrt{d}\,\lnk{5}{\gamma} + \lnk{8.4}{W_2(q_\delta, q)}`,
    terms: [raw`W_2^{\text{init}}`, raw`C\varepsilon_{\text{score}}`, raw`C\sqrt{d}\,\gamma`, raw`W_2(q_\delta, q)`] },
  lee_lu_tan_tv: { section: '3', quantity: raw`\mathrm{TV}(p_{\text{out}}, q)`, combine: 'sum',
    tex: raw`\mathrm{TV} \lesssim \Big(\frac{\lnk{3}{L}^2\,d\,(d|\lnk{3}{c}| + \lnk{3}{R})^2}{N}\Big)^{1/4}`,
    terms: [raw`C(L^2 d (d|c| + R)^2/N)^{1/4}`] },
};

// KaTeX options: strict LaTeX, errors thrown, links only into the rendered documents.
export const katexOptions = (docsBase) => ({
  strict: 'error',
  throwOnError: true,
  output: 'htmlAndMathml',
  trust: (context) => context.command === '\\href' && context.url.startsWith(`${docsBase}theory.html#`),
});

// The HTML of each item {tex, docsBase, displayMode} with the `katex` module given (typeset.js: the typesetting worker
// and the page's fallback). Each typesetting is a `sgm:typeset` measure in the thread that does it (web/src/timing.js).
export const renderBatch = (katex, items) => items.map(({ tex, docsBase, displayMode }) => timed('typeset',
  () => katex.renderToString(toTex(tex, docsBase), { ...katexOptions(docsBase), displayMode })));

// `\lnk{N}{…}` → a link to docs/theory.html#sN under `docsBase` (the folder of the rendered documents, e.g. 'docs/').
export function toTex(tex, docsBase = 'docs/') {
  return tex.replace(/\\lnk\{(\d+(?:\.\d+)?)\}\{/g, (_, n) => `\\href{${docsBase}theory.html#s${n}}{`);
}

// The sections a TeX string links to.
export function linkedSections(tex) {
  return [...tex.matchAll(/\\lnk\{(\d+(?:\.\d+)?)\}/g)].map((m) => m[1]);
}

// A number in TeX: 4 significant digits, powers of ten as × 10^{k}; a missing (null) value as "n/a".
export function texNumber(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return raw`\text{n/a}`;
  if (v !== 0 && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3)) {
    const [mantissa, exponent] = v.toExponential(3).split('e');
    return raw`${Number(mantissa)} \times 10^{${Number(exponent)}}`;
  }
  return String(Number(v.toPrecision(4)));
}

// The bound's value recomputed from its terms as the formula combines them (null when a term is missing).
export function combineTerms(name, terms) {
  const values = terms.map((t) => t.value);
  if (values.some((v) => v === null || v === undefined)) return null;
  const sum = values.reduce((a, v) => a + v, 0);
  return boundFormulas[name].combine === 'pinsker' ? Math.min(1, Math.sqrt(sum / 2)) : sum;
}

// The bound with this run's numbers: quantity ≤ (each term's value, labelled with its TeX) = the bound's value.
export function substitutedTex(name, bound) {
  const entry = boundFormulas[name];
  const parts = bound.terms.map((t, k) => raw`\underbrace{${texNumber(t.value)}}_{${entry.terms[k] ?? raw`\text{term ${k + 1}}`}}`);
  const sum = parts.join(' + ');
  const inner = entry.combine === 'pinsker' ? raw`\min\Big(1, \sqrt{\tfrac12\big(${sum}\big)}\Big)` : sum;
  const relation = bound.explicit_constants ? raw`\le` : raw`\lesssim`;
  const constant = bound.explicit_constants ? '' : raw`\quad (C = ${texNumber(bound.hidden_constant)})`;
  return raw`${entry.quantity} ${relation} ${inner} = ${texNumber(bound.value)}${constant}`;
}

// The sampler's name in a normalised config: a name or {kind, parameters}.
export const samplerName = (config) => (typeof config.sampler === 'string' ? config.sampler : config.sampler.kind);
