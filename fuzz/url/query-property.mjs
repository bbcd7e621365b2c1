// The page's URL parser as a fuzz target (docs/development.md, "Fuzzing"), run through node: random query strings —
// known keys and names, hostile keys (__proto__, constructor), numbers that are not JSON (NaN, 1e400), arbitrary
// Unicode — never make parseQuery throw; every problem it reports is a PageError; a state without problems survives
// serialise → parse unchanged; the sampler always belongs to the process's family. tests/web/state.test.mjs runs a
// fixed number of cases at a fixed seed; scripts/fuzz.sh url SECONDS runs it for a time at a fresh seed.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PageError, parseQuery, serialiseQuery, pageParameters } from '../../web/src/state/query.js';
import { entryOf, registries } from '../../web/src/state/catalogue.js';

export function queryProperty(catalogue) {
  const keys = [...pageParameters.map((p) => p.key), 'epsilon', 'sampler.eta', 'target.dim', 'process.beta_max',
    'target.points', 'sampler.corrector_steps', 'score.epsilon', 'grid.rho', 'x.y', '__proto__', 'constructor'];
  const names = Object.values(registries).flatMap((list) => catalogue[list].map((e) => e.name));
  const value = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(...names, 'ring8', 'vp-cosine', '1', '0',
    '-3', '1e400', 'NaN', ''), fc.double().map(String), fc.array(fc.integer({ min: -5, max: 500 })).map((a) => a.join(',')));
  const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string()), value), { maxLength: 12 })
    .map((pairs) => new URLSearchParams(pairs).toString());
  return fc.property(fc.oneof(query, fc.string(), fc.string({ unit: 'binary' })), (search) => {
    const { state, problems } = parseQuery(search, catalogue);
    assert.ok(problems.every((p) => p instanceof PageError));
    if (problems.length === 0) {
      const again = parseQuery(serialiseQuery(state, catalogue), catalogue);
      assert.deepEqual(again.problems, []);
      assert.deepEqual(again.state, { ...state, preset: '' });
    }
    assert.equal(entryOf(catalogue, 'sampler', state.sampler).family, entryOf(catalogue, 'process', state.process).sampler_family);
  });
}
