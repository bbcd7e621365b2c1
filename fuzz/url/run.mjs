// scripts/fuzz.sh url SECONDS: the URL parser's property (query-property.mjs) for SECONDS at a random seed, against
// the catalogue of the CLI given; prints the cases run, or the shrunk counterexample with the seed to replay it.
//   node fuzz/url/run.mjs SECONDS build/sanitize/sgm
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { pageCatalogue } from '../../web/src/state/catalogue.js';
import { queryProperty } from './query-property.mjs';

const [seconds, cli] = [Number(process.argv[2]), process.argv[3]];
const catalogue = pageCatalogue(JSON.parse(spawnSync(cli, ['list'], { encoding: 'utf8' }).stdout));
const seed = Date.now() % 2 ** 31;
const start = Date.now();
const result = fc.check(queryProperty(catalogue), { numRuns: Number.MAX_SAFE_INTEGER, seed,
  interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false });
const elapsed = (Date.now() - start) / 1000;
if (result.failed) {
  console.error(fc.defaultReportMessage(result));
  process.exit(1);
}
console.log(`Done ${result.numRuns} runs in ${Math.round(elapsed)} second(s) (seed ${seed}): no failure`);
