// Coverage of ensembleRate's interval (Student t, as built) against the normal quantile z on the same ensembles:
// node tools/bootstrap-coverage.mjs R S1,S2  (after npm ci; R ensembles per S, Gaussian errors, ladder 16..256).
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { randomStream, gaussian } from '../dist/src/init/index.js';
import { ensembleRate } from '../dist/src/stats/index.js';
const sizes = [16, 32, 64, 128, 256];
const R = +process.argv[2] || 2000;
const Ss = (process.argv[3] || '12,32,64').split(',').map(Number);
for (const S of Ss) {
  const levels = [0.999, 1 - 1e-5];
  const cnt = { z: [0, 0], t: [0, 0] };
  const t0 = performance.now();
  let maxT = 0;
  for (let r = 0; r < R; r++) {
    const rng = randomStream(r, 'cov-t', String(S));
    const e = Array.from({ length: S }, () => sizes.map((n) => n ** -0.5 * gaussian(rng)));
    const fit = ensembleRate(sizes, e, { seed: r, resamples: 1000, level: 0.99 });
    const t = Math.abs(fit.exponent + 0.5) / fit.standardError;
    maxT = Math.max(maxT, t);
    levels.forEach((lv, k) => {
      const z = 4.417173413469 * 0 + (lv === 0.999 ? 3.290526731 : 4.417173413);
      if (t > z) cnt.z[k]++;
      if (t > tQuantile(1 - (1 - lv) / 2, S - 1)) cnt.t[k]++;
    });
  }
  console.log(`S=${S} R=${R}: misses at 0.999 z ${cnt.z[0]} t ${cnt.t[0]} (nominal ${(R * 1e-3).toFixed(1)}); at 1-1e-5 z ${cnt.z[1]} t ${cnt.t[1]} (nominal ${(R * 1e-5).toFixed(2)}); t_{S-1}: ${tQuantile(1 - 5e-6, S - 1).toFixed(2)}; max|t| ${maxT.toFixed(2)}; ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
