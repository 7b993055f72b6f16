/* Node side of bench/search_fit.py: ranks query sets with overrides/assets/search/ranking.js over
 * a built edition's wld-vocab.json and wld-sections.json, once per candidate setting of the
 * scorer's constants (R.F, R.W), and prints the top 3 paths of every query for each setting.
 * stdin: {ranking, editions: {lang: {vocab, sections, stop}}, queries: {lang: [q]}, settings: [{F:{}, W:{}}],
 *   features} (features: every scored page as [url, score, features] instead of the top 3) */
"use strict";
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const R = require(input.ranking);
const base = { F: JSON.parse(JSON.stringify(R.F)), W: { ...R.W } };
const editions = {};
for (const [lang, e] of Object.entries(input.editions)) {
  const vocab = JSON.parse(fs.readFileSync(e.vocab, "utf8"));
  const table = JSON.parse(fs.readFileSync(e.sections, "utf8"));
  R.warm(vocab, table);
  editions[lang] = { vocab, table, stop: new Set(e.stop.toLowerCase().split(/\s+/).filter(Boolean)) };
}
const MIN_SHARE = 0.2;  // search.js: pages under this share of the best score are not shown
const out = [];
for (const setting of input.settings) {
  Object.assign(R.F, JSON.parse(JSON.stringify(base.F)), setting.F || {});
  Object.assign(R.W, base.W, setting.W || {});
  if (input.features) R.F.features = 1;
  const got = {};
  for (const [lang, queries] of Object.entries(input.queries)) {
    const { vocab, table, stop } = editions[lang];
    got[lang] = queries.map((q) => {
      const a = R.analyse(q, vocab, stop);
      const lower = a.terms.map((x) => x.toLowerCase());
      const ranked = R.rankPages(lower, table, R.termWeights(lower, vocab, a.negated || []), a.minor, a.defining);
      // input.features: every page scored, with its score and features (bench/search_fit_model.py)
      if (input.features) return ranked.map((r) => [r.url, r.score, r.x]);
      const floor = ranked.length ? ranked[0].score * MIN_SHARE : 0;
      return ranked.filter((r) => r.score > 0 && r.score >= floor).slice(0, 3).map((r) => r.url);
    });
  }
  out.push(got);
}
process.stdout.write(JSON.stringify(out));
