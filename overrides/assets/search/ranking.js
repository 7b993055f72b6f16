/* What a search query is about, and how well a page answers it: pure functions, no DOM and no
 * Pagefind, so the same code runs in the search box (overrides/assets/search/search.js) and under
 * node in the tests (tests/site/test_search_ranking.py).
 *
 * - analyse(): cuts the query into topic terms. Chinese is cut into the site's own words
 *   (vocab.words, from sitebuild/search/vocabulary.py) by longest match; stop words (怎么办, 吗,
 *   "how", "can they": extra.search.stopwords) are dropped. A word the index does not have is
 *   replaced by an index word that sounds the same (zh: pinyin, 崔收 → 催收) or is one or two
 *   letters away (en: "statue" → "statute"); the replacements are returned for the dialog to say.
 * - score(): a page's score from the per-term Pagefind scores, the terms its title, synonyms and
 *   section headings hold, how close together the terms stand in its text, and its rank weight.
 * - highlightTerms(): what to mark on the opened page: whole words only, never a stop word.
 */
(function (root) {
  "use strict";

  const HAN_RUN = /\p{Script=Han}+/u;
  const TOKEN = /\p{Script=Han}+|[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;
  const MAX_WORD = 6;

  /** char → its toneless readings, from vocab.chars (reading → characters); built once. */
  function readingsOf(vocab) {
    if (!vocab.readings) {
      vocab.readings = new Map();
      for (const [sound, chars] of Object.entries(vocab.chars || {})) {
        for (const ch of chars) {
          const list = vocab.readings.get(ch) || [];
          list.push(sound);
          vocab.readings.set(ch, list);
        }
      }
      const words = vocab.words || [];
      vocab.wordSet = new Set(Array.isArray(words) ? words : Object.keys(words));
    }
    return vocab.readings;
  }

  /** Cut a run of Han characters into the site's words by longest match; stop words dropped.
      Characters no word starts with are kept together as one unknown piece. */
  function segmentHan(run, words, stop) {
    const out = [];
    let pending = "";
    let at = -1;
    const flush = () => { if (pending) out.push({ text: pending, known: false, at }); pending = ""; };
    for (let i = 0; i < run.length;) {
      let match = null;
      for (let n = Math.min(MAX_WORD, run.length - i); n >= 1 && !match; n--) {
        const w = run.slice(i, i + n);
        if (stop.has(w)) match = { text: w, stop: true };
        else if (n >= 2 && words.has(w)) match = { text: w, known: true, at: i };
      }
      if (match) {
        flush();
        if (!match.stop) out.push(match);
        i += match.text.length;
      } else {
        if (!pending) at = i;
        pending += run[i];
        i += 1;
      }
    }
    flush();
    return out;
  }

  /** The index word that ``piece`` sounds like, sharing a character with it (崔收 → 催收), or "". */
  function soundAlike(piece, vocab) {
    const readings = readingsOf(vocab);
    let keys = [""];
    for (const ch of piece) {
      const r = readings.get(ch);
      if (!r) return "";
      keys = keys.flatMap((k) => r.slice(0, 4).map((s) => k + s));
      if (keys.length > 256) return "";
    }
    for (const key of keys) {
      for (const word of (vocab.sounds || {})[key] || []) {
        if (word !== piece && [...word].some((c) => piece.includes(c))) return word;
      }
    }
    return "";
  }

  /** Chinese topic terms of one Han run, with sound-alike corrections of unknown pieces. */
  function hanTerms(run, vocab, stop, fixes, fallback) {
    readingsOf(vocab);
    const pieces = segmentHan(run, vocab.wordSet, stop);
    const out = [];
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i];
      if (p.known) { out.push(p.text); continue; }
      // An unknown piece, alone or with the known word before or after it (微利 + 贷): the
      // longest span that sounds like an index word replaces them.
      const prev = pieces[i - 1];
      const next = pieces[i + 1];
      const spans = [];
      if (prev?.known && next?.known && prev.at + prev.text.length === p.at && p.at + p.text.length === next.at) {
        spans.push([prev.text + p.text + next.text, 1, 1]);
      }
      if (next?.known && p.at + p.text.length === next.at) spans.push([p.text + next.text, 0, 1]);
      if (prev?.known && prev.at + prev.text.length === p.at) spans.push([prev.text + p.text, 1, 0]);
      spans.push([p.text, 0, 0]);
      let done = false;
      for (const [span, back, ahead] of spans) {
        if ([...span].length < 2 || [...span].length > MAX_WORD) continue;
        const word = soundAlike(span, vocab);
        if (!word) continue;
        if (back) out.pop();
        if (stop.has(word)) fallback.push(word); else out.push(word);
        fixes.push([span, word]);
        i += ahead;
        done = true;
        break;
      }
      if (!done && [...p.text].length >= 2) out.push(p.text);
    }
    return out;
  }

  /** Edit distance with transpositions (optimal string alignment), capped at ``max`` + 1. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let prev2 = null;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        row.push(d);
        best = Math.min(best, d);
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /** Is ``a`` the letters of ``b`` in order with some left out ("statue" in "statute")? */
  function within(a, b) {
    let i = 0;
    for (const c of b) if (c === a[i]) i += 1;
    return i === a.length;
  }

  /** The index word nearest to an English ``word`` the index lacks ("statue" → "statute"), or
      ``word`` itself: when the index has it, or it is an index word with an ending (-s, -es, -ed,
      -ing: Pagefind stems those), or no index word is near. Near: one slip in a word of 5 to 7
      letters, two in a longer one, the first two letters kept ("night" is not "right"). Ties: a
      word the typed one is inside (a letter left out, the commonest slip on a phone), then a
      word of a title or heading, then the most used. */
  function nearestWord(word, vocab) {
    const counts = vocab.words || {};
    if (word.length < 5 || /\d/.test(word) || Object.hasOwn(counts, word)) return word;
    const bare = word.replace(/(?:s|es|ed|ing)$/, "");
    if (Object.hasOwn(counts, bare) || Object.hasOwn(counts, bare + "e")) return word;
    const max = word.length <= 7 ? 1 : 2;
    const named = vocab.nameSet ||= new Set(vocab.names || []);
    let best = word;
    let bestKey = [-(max + 1), 0, 0, 0];
    for (const [w, n] of Object.entries(counts)) {
      if (w.length < 4 || w.slice(0, 2) !== word.slice(0, 2)) continue;
      const d = distance(word, w, max);
      if (d > max) continue;
      const key = [-d, within(word, w) ? 1 : 0, named.has(w) ? 1 : 0, n];
      const better = key.findIndex((x, i) => x !== bestKey[i]);
      if (better >= 0 && key[better] > bestKey[better]) {
        best = w;
        bestKey = key;
      }
    }
    return best;
  }

  /**
   * The topic terms of ``query``: {terms: [string], fixes: [[typed, searched]]}.
   * ``vocab`` is the edition's wld-vocab.json (or {} before it loads), ``stop`` a Set of stop words.
   */
  function analyse(query, vocab, stop) {
    const terms = [];
    const fixes = [];
    const fallback = [];
    for (const token of query.toLowerCase().match(TOKEN) || []) {
      if (HAN_RUN.test(token)) {
        terms.push(...hanTerms(token, vocab, stop, fixes, fallback));
      } else if (!stop.has(token) && (token.length >= 2 || /\d/.test(token))) {
        const word = vocab.words && !Array.isArray(vocab.words) ? nearestWord(token, vocab) : token;
        if (word !== token) fixes.push([token, word]);
        terms.push(word);
      }
    }
    const unique = [...new Set(terms)];
    // A query of stop words only (or one character) is searched as typed (or as corrected).
    const typed = fallback.length ? fallback : [query.trim().toLowerCase()].filter(Boolean);
    return { terms: unique.length ? unique : typed, fixes };
  }

  /** Does ``name`` (lower case) hold ``term``: as a substring, or (a word of 5+ letters) by a
      shared stem, so "negotiate" names "Negotiating with WeBank". */
  function holds(name, term) {
    if (name.includes(term)) return true;
    if (!/^[a-z]{5,}$/.test(term)) return false;
    const stem = term.slice(0, Math.max(5, term.length - 3));
    return name.split(/[^a-z]+/).some((w) => w.startsWith(stem));
  }

  /** Where ``term`` stands in ``text`` (lower case): start offsets, whole words for Latin. */
  function positions(text, term) {
    const out = [];
    const latin = /^[a-z0-9]/.test(term);
    for (let i = text.indexOf(term); i !== -1 && out.length < 200; i = text.indexOf(term, i + 1)) {
      if (latin && i > 0 && /[a-z0-9]/.test(text[i - 1])) continue;
      out.push(i);
    }
    return out;
  }

  /** The shortest stretch of ``text`` holding every term (characters), or Infinity. */
  function span(text, terms) {
    const lists = terms.map((t) => positions(text, t).map((p) => [p, p + t.length]));
    if (lists.some((l) => l.length === 0)) return Infinity;
    const events = lists.flatMap((l, k) => l.map(([s, e]) => [s, e, k])).sort((a, b) => a[0] - b[0]);
    const seen = new Map();
    let best = Infinity;
    let lo = 0;
    for (let hi = 0; hi < events.length; hi++) {
      seen.set(events[hi][2], (seen.get(events[hi][2]) || 0) + 1);
      while (seen.size === terms.length) {
        const end = Math.max(...events.slice(lo, hi + 1).map((e) => e[1]));
        best = Math.min(best, end - events[lo][0]);
        const k = events[lo][2];
        seen.set(k, seen.get(k) - 1);
        if (seen.get(k) === 0) seen.delete(k);
        lo += 1;
      }
    }
    return best;
  }

  /* Weights, chosen on the tuning set (tests/site/search_queries.json), never on the blind set. */
  const W = {
    found: 1,       // the page is among Pagefind's results for the term (scaled by its score)
    title: 4,       // the page's title or a reviewed synonym holds the term
    heading: 1.5,   // a section heading holds the term
    whole: 3,       // the title or a synonym holds the whole query (all terms, in order)
    wholeHeading: 2.5,  // else a section heading holds every term
    near: 0.6,      // the terms stand together in the text (× 1 + near × closeness)
    side: 0.4,      // weight of a side word (no page title or synonym has it): 接到, "employer"
  };

  /** Each term's weight: 1 for a topic word (a page title or synonym has it), else W.side, so
      the words a query is about decide, not the side words around them. */
  function termWeights(terms, vocab) {
    const topics = vocab.topicSet ||= new Set(vocab.topics || []);
    if (!topics.size) return terms.map(() => 1);
    const topical = (t) => topics.has(t) || (/^[a-z]+$/.test(t) && t.length >= 5
      && [...topics].some((w) => w.startsWith(t.slice(0, Math.max(5, t.length - 3)))));
    return terms.map((t) => (topical(t) ? 1 : W.side));
  }

  /**
   * A page's score for ``terms``. ``page``: {title, synonyms: [..], headings: [..], text,
   * weight, found: [Pagefind score of the page for each term, 0 if not found]}; ``best``: the
   * highest Pagefind score of each term over all pages; ``weights``: termWeights(). Returns {score, section} where section
   * is the index of the heading that holds the most terms (-1 if none holds one).
   */
  function score(page, terms, best, weights = terms.map(() => 1)) {
    const names = [page.title, ...page.synonyms].map((n) => n.toLowerCase()).filter(Boolean);
    // A reference page's sections are all names (the glossary, the law index): its headings do
    // not say what it is about.
    const headings = page.weight < 1 ? [] : page.headings.map((h) => h.toLowerCase());
    const text = page.text.toLowerCase();
    let mentions = 0;  // what the text and headings say: scaled by the page's rank weight
    let naming = 0;    // what the title and synonyms say: the page is about it, whatever its weight
    let covered = 0;
    let section = -1;
    let sectionHits = 0;
    page.headings.forEach((h, i) => {
      const hits = terms.filter((t) => holds(h.toLowerCase(), t)).length;
      if (hits > sectionHits) { section = i; sectionHits = hits; }
    });
    for (const [k, term] of terms.entries()) {
      const inName = names.some((n) => holds(n, term));
      const inHeading = headings.some((h) => holds(h, term));
      const found = best[k] > 0 ? page.found[k] / best[k] : 0;
      const w = weights[k];
      if (inName || inHeading || found > 0 || positions(text, term).length) covered += w;
      mentions += w * (W.found * Math.sqrt(found) + (inHeading ? W.heading : 0));
      naming += inName ? w * W.title : 0;
    }
    const coverage = covered / weights.reduce((a, b) => a + b, 0);
    let s = (mentions * page.weight + naming) * coverage * coverage;
    if (terms.length > 1) {
      const joined = terms.join(terms.every((t) => HAN_RUN.test(t)) ? "" : " ");
      if (names.some((n) => n.includes(joined) || terms.every((t) => holds(n, t)))) s += W.whole;
      else if (headings.some((h) => h.includes(joined) || terms.every((t) => holds(h, t)))) s += W.wholeHeading;
      const width = span(text, terms);
      const tight = terms.reduce((n, t) => n + t.length, 0);
      if (width < Infinity) s *= 1 + W.near * Math.min(1, (tight + 4) / width);
    } else if (names.some((n) => n === terms[0])) {
      s += W.whole;
    }
    return { score: s, section };
  }

  /** Terms to mark on the opened page (the ``h`` parameter: searched terms, space-separated):
      Chinese terms of 2+ characters, English words of 3+ letters that are not stop words. */
  function highlightTerms(h, stop) {
    return [...new Set(h.toLowerCase().split(/\s+/))]
      .filter((w) => (HAN_RUN.test(w) ? [...w].length >= 2 : w.length >= 3 && !stop.has(w)));
  }

  /** A RegExp marking ``terms`` as whole words (a Latin term may take -s, -es, -ed, -ing). */
  function highlightPattern(terms) {
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const parts = [...terms].sort((a, b) => b.length - a.length).map((t) => (HAN_RUN.test(t)
      ? escape(t) : `(?<![\\p{L}\\p{N}])${escape(t)}(?:s|es|ed|ing)?(?![\\p{L}\\p{N}])`));
    return new RegExp(parts.join("|"), "giu");
  }

  const api = { analyse, score, termWeights, span, highlightTerms, highlightPattern, distance, W };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.wldRanking = api;
})(typeof globalThis === "object" ? globalThis : this);
