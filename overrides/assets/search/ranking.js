/* What a search query is about, and how well a page answers it: pure functions, no DOM and no
 * Pagefind, so the same code runs in the search box (overrides/assets/search/search.js) and under
 * node in the tests (tests/site/test_search_ranking.py).
 *
 * - analyse(): cuts the query into topic terms. Chinese is cut into the site's own words
 *   (vocab.words, from sitebuild/search/vocabulary.py) by longest match; stop words (怎么办, 吗,
 *   "how", "can they": extra.search.stopwords) are dropped. A word the index does not have is
 *   replaced by an index word that sounds the same (zh: pinyin, 崔收 → 催收) or is one or two
 *   letters away (en: "statue" → "statute"); the replacements are returned for the dialog to say.
 * - rankPages(): pages ranked by BM25F over the section table (sitebuild/search/sections.py):
 *   title, synonyms, headings and text weighed apart, idf from the site, sections rolled up to
 *   pages, each page with the section that answers the query best.
 * - highlightTerms(): what to mark on the opened page: whole words only, never a stop word.
 */
(function (root) {
  "use strict";

  const HAN_RUN = /\p{Script=Han}+/u;
  const TOKEN = /\p{Script=Han}+|[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;
  const MAX_WORD = 6;
  /* What a character no site word or stop word covers costs a cut, in pieces (segmentHan). */
  const UNKNOWN = 1.5;

  /** A syllable as keyboards confuse it (zh/z, ch/c, sh/s, ing/in, eng/en, ang/an), the same
      rule as sitebuild/search/vocabulary.py ``fuzzy`` (vocab.sounds keys are spelled so). */
  function fuzzy(syllable) {
    return syllable.replace(/^([zcs])h/, "$1").replace(/(?<=[iea])ng$/, "n");
  }

  /** char → its toneless, fuzzy readings, from vocab.chars (reading → characters); built once. */
  function readingsOf(vocab) {
    if (!vocab.readings) {
      vocab.readings = new Map();
      for (const [sound, chars] of Object.entries(vocab.chars || {})) {
        const key = fuzzy(sound);
        for (const ch of chars) {
          const list = vocab.readings.get(ch) || [];
          if (!list.includes(key)) list.push(key);
          vocab.readings.set(ch, list);
        }
      }
    }
    return vocab.readings;
  }

  /** The index's words as a Set, built once. */
  /** The vocabulary's list ``key`` (topics, names, generic, common) as a Set, made once per vocab. */
  function setOf(vocab, key) {
    return (vocab[`${key}Set`] ||= new Set(vocab[key] || []));
  }

  function wordsOf(vocab) {
    const words = vocab.words || [];
    return (vocab.wordSet ||= new Set(Array.isArray(words) ? words : Object.keys(words)));
  }

  /** Build every lookup a query needs (the section table's postings, the vocabulary's sets and
      readings) ahead of it: search.js calls this when the browser is idle after loading, so the
      first query does none of this work. */
  function warm(vocab, table) {
    wordsOf(vocab);
    readingsOf(vocab);
    setOf(vocab, "topics");
    setOf(vocab, "names");
    setOf(vocab, "generic");
    setOf(vocab, "common");
    if (table) prepare(table);
  }

  /** Cut a run of Han characters into the site's words and stop words, as few pieces as can be
      with as few characters left over as can be (an unknown character costs ``UNKNOWN`` pieces),
      the longer first word on a tie: 上诉期限几天 is 上诉 + 期限 + 几天, not 上诉期 + 限 + 几天 as
      the longest match from the left cut it. Stop words are dropped (and listed in ``minor``);
      characters no word covers are kept together as one unknown piece. */
  function segmentHan(run, words, stop, minor) {
    const chars = [...run];
    const n = chars.length;
    // cost[i], take[i]: the cheapest cut of chars[i:] and the length of its first piece (0: one
    // unknown character).
    const cost = new Float64Array(n + 1);
    const take = new Int8Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      cost[i] = UNKNOWN + cost[i + 1];
      take[i] = 0;
      for (let m = Math.min(MAX_WORD, n - i); m >= 1; m--) {
        const w = chars.slice(i, i + m).join("");
        if (!(stop.has(w) || (m >= 2 && words.has(w)))) continue;
        if (1 + cost[i + m] < cost[i] - 1e-9) { cost[i] = 1 + cost[i + m]; take[i] = m; }
      }
    }
    const out = [];
    let pending = "";
    let at = -1;
    const flush = () => { if (pending) out.push({ text: pending, known: false, at }); pending = ""; };
    for (let i = 0; i < n;) {
      const m = take[i];
      if (m) {
        const w = chars.slice(i, i + m).join("");
        flush();
        if (!stop.has(w)) out.push({ text: w, known: true, at: i });
        else if (minor) minor.push(w);
        i += m;
      } else {
        if (!pending) at = i;
        pending += chars[i];
        i += 1;
      }
    }
    flush();
    return out;
  }

  /** The index word that ``piece`` sounds like, sharing a character with it (崔收 → 催收), or "".
      Only a word a title, synonym or heading holds (vocab ``topics`` or ``names``) is offered
      (round 12): on the ten tuned sets every true correction (41 kinds: 崔收 → 催收, 坐劳 → 坐牢,
      支付另 → 支付令) gives such a word and every false one gives a word only page text holds
      (不然 → 不让, 还算 → 换算, 钱才 → 钱财), which the dialog then said it had searched. */
  function soundAlike(piece, vocab) {
    const topics = setOf(vocab, "topics");
    const names = setOf(vocab, "names");
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
        if (word !== piece && (topics.has(word) || names.has(word)) && [...word].some((c) => piece.includes(c))) return word;
      }
    }
    return "";
  }

  /** Chinese topic terms of one Han run, with sound-alike corrections of unknown pieces. */
  function hanTerms(run, vocab, stop, fixes, fallback, minor) {
    const pieces = segmentHan(run, wordsOf(vocab), stop, minor);
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
      if (!done) out.push(...repairRun(p.text, vocab, stop, fixes, fallback));
    }
    return out;
  }

  /** An unknown run cut into sound-alike index words where it holds them (协伤只还 → 协商 +
      只还, 崔收天天 → 催收 + 天天), longest first from the left; the rest kept as typed (2+
      characters). Inside a longer run only a topic word (a title's or synonym's) replaces a
      piece: 不上 (bu/fou shang) is not 附上. */
  function repairRun(text, vocab, stop, fixes, fallback) {
    const chars = [...text];
    const topics = setOf(vocab, "topics");
    const out = [];
    let rest = "";
    const keep = () => { if ([...rest].length >= 2) out.push(rest); rest = ""; };
    for (let i = 0; i < chars.length;) {
      let hit = 0;
      for (let n = Math.min(MAX_WORD, chars.length - i); n >= 2 && !hit; n--) {
        const piece = chars.slice(i, i + n).join("");
        const word = soundAlike(piece, vocab);
        if (!word || (n < chars.length && !topics.has(word))) continue;
        keep();
        if (stop.has(word)) fallback.push(word); else out.push(word);
        fixes.push([piece, word]);
        hit = n;
      }
      if (hit) i += hit;
      else { rest += chars[i]; i += 1; }
    }
    keep();
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
    // A real English word is what the reader meant, even if no page uses it ("wrote").
    if (setOf(vocab, "common").has(word)) return word;
    const bare = word.replace(/(?:s|es|ed|ing)$/, "");
    if (Object.hasOwn(counts, bare) || Object.hasOwn(counts, bare + "e")) return word;
    const max = word.length <= 7 ? 1 : 2;
    const named = setOf(vocab, "names");
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

  /* A query that asks what a word means (LPR是什么, 违约金什么意思, "what is LPR", "what does
     acceleration mean"): DEFINING finds it; the CUE words left among its terms are set aside as
     minor terms, so the word asked about is the query's topic. */
  const DEFINING = /是什么|什么是|什么意思|啥意思|是啥|指什么|的意思|含义|定义|\bwhat(?:\s+(?:is|are|does)|['’]s)\b|\bmeans?\b|\bmeaning\b|\bdefin(?:e|ition)\b|\bstands?\s+for\b/i;
  /* A query asking how to write something (怎么写, 范文, "how to write", "sample letter") asks for
     a template (round 7): analyse() searches the template pages' own title word with it. */
  const WRITING = /怎么写|如何写|咋写|范文|写法|\bhow\s+(?:do\s+i\s+|to\s+|can\s+i\s+|should\s+i\s+)?write\b|\bsample\s+letter\b/i;
  const TEMPLATE = { zh: "模板", en: "template" };
  const WRITE_CUE = new Set(["write", "writing", "写"]);
  const CUE = new Set(["意思", "含义", "定义", "mean", "means", "meaning", "define", "definition", "stand", "stands"]);

  /**
   * The topic terms of ``query``: {terms: [string], fixes: [[typed, searched]], defining: does it
   * ask what a word means (DEFINING), minor: [the stop
   * words of 2+ characters or letters it held, which count a little]}.
   * ``vocab`` is the edition's wld-vocab.json (or {} before it loads), ``stop`` a Set of stop words.
   */
  function analyse(query, vocab, stop) {
    const terms = [];
    const fixes = [];
    const fallback = [];
    const minor = [];
    const negated = [];
    let negation = false;
    for (const token of query.toLowerCase().match(TOKEN) || []) {
      if (HAN_RUN.test(token)) {
        terms.push(...hanTerms(token, vocab, stop, fixes, fallback, minor));
        negation = false;
      } else if (stop.has(token)) {
        minor.push(token);
      } else if (NEGATIONS.has(token.replace("’", "'"))) {
        negation = true;
        // "can't", "cannot", "couldn't" say what "unable" says (the pages' word: "unable to repay").
        terms.push(UNABLE.has(token.replace("’", "'")) && F.unable ? "unable" : token);
      } else if (token.length >= 2 || /\d/.test(token)) {
        const word = vocab.words && !Array.isArray(vocab.words) ? nearestWord(token, vocab) : token;
        if (word !== token) fixes.push([token, word]);
        terms.push(word);
        if (negation) negated.push(word);
        negation = false;
      }
    }
    // 投诉催收的信怎么写 is 投诉 + 催收 + 模板: the letter titled 催收投诉（模板） holds them all.
    const writing = F.write ? query.match(WRITING) : null;
    if (writing) {
      const word = TEMPLATE[HAN_RUN.test(writing[0]) ? "zh" : "en"];
      if (!terms.includes(word)) terms.push(word);
      // The cue's verb ("write") is how the reader asks, not what about: a minor term, as the
      // cue words of a defining query are.
      for (let i = terms.length - 1; i >= 0; i--) if (WRITE_CUE.has(terms[i])) minor.push(...terms.splice(i, 1));
    }
    const defining = DEFINING.test(query);
    if (defining && terms.some((t) => !CUE.has(t))) {
      for (let i = terms.length - 1; i >= 0; i--) if (CUE.has(terms[i])) minor.push(...terms.splice(i, 1));
    }
    // A word the stop words cut whole (是什么 is 是 + 什么, 有没有 is 有 + 没有) asks, it does not
    // name a topic, even when a heading holds it: a minor term beside the query's other words.
    if (F.stopWhole && terms.some((t) => !(HAN_RUN.test(t) && stopCut(t, stop)))) {
      for (let i = terms.length - 1; i >= 0; i--) if (HAN_RUN.test(terms[i]) && stopCut(terms[i], stop)) minor.push(...terms.splice(i, 1));
    }
    // An index word that is a stop word and another index word (微粒贷逾期, 短信说, 离婚了: a
    // heading's or synonym's words kept whole) is searched as that other word, the stop word
    // minor, when the query has other words too: 微粒贷逾期一天罚多少钱 asks about 逾期 for a day,
    // not for the page whose synonym is 微粒贷逾期. A lone word keeps its own hit.
    if (F.stopEdge && terms.length > 1) {
      const words = wordsOf(vocab);
      for (let i = 0; i < terms.length; i++) {
        const t = terms[i];
        if (!HAN_RUN.test(t)) continue;
        const c = [...t];
        for (let k = 1; k < c.length; k++) {
          const a = c.slice(0, k).join(""), b = c.slice(k).join("");
          if (stop.has(a) && c.length - k >= 2 && words.has(b)) { terms[i] = b; minor.push(a); break; }
          if (stop.has(b) && k >= 2 && words.has(a)) { terms[i] = a; minor.push(b); break; }
        }
      }
    }
    const unique = [...new Set(terms)];
    // A query of stop words only (or one character) is searched as typed (or as corrected).
    const typed = fallback.length ? fallback : [query.trim().toLowerCase()].filter(Boolean);
    // Stop words of 2+ characters or letters count a little in the ranking (``minor``).
    const little = [...new Set(minor.concat(fallback))].filter((w) => [...w].length >= 2 && !unique.includes(w));
    return { terms: unique.length ? unique : typed, fixes, defining, minor: unique.length ? little : [], negated };
  }

  /** Can ``word`` be cut into stop words alone (是什么: 是 + 什么)? */
  function stopCut(word, stop) {
    const chars = [...word];
    const ok = [true];
    for (let j = 1; j <= chars.length; j++) {
      ok[j] = false;
      for (let i = 0; i < j && !ok[j]; i++) ok[j] = ok[i] && stop.has(chars.slice(i, j).join(""));
    }
    return ok[chars.length];
  }

  /** Does ``name`` (lower case) hold ``term``: as a substring, or (a word of 5+ letters) by a
      shared stem, so "negotiate" names "Negotiating with WeBank". */
  function holds(name, term) {
    if (name.includes(term)) return true;
    if (!/^[a-z]{5,}$/.test(term)) return false;
    const stem = term.slice(0, Math.max(5, term.length - 3));
    return name.split(/[^a-z]+/).some((w) => w.startsWith(stem));
  }

  /* Query term weights (termWeights), chosen on the tuning set (tests/site/search_queries.json). */
  const W = {
    side: 0.4,      // a side word (no page title, synonym or heading has it): "employer"
    generic: 0.15,  // a side word of general language (多少, 有人, "different"): vocab.generic
    negated: 0.15,  // at most this: a word a negation governs ("pay" of "don't pay")
  };
  const UNABLE = new Set(["can't", "cant", "cannot", "couldn't", "couldnt"]);
  /** English negations; the next word that is not a stop word is "negated" (analyse). */
  const NEGATIONS = new Set(["not", "no", "never", "dont", "don't", "cant", "can't", "cannot", "wont", "won't",
    "unable", "didnt", "didn't", "doesnt", "doesn't", "couldnt", "couldn't", "without"]);

  /** Each term's weight: 1 for a topic word (a page title, synonym or section heading has it),
      else W.side (a word of general language: W.generic), so the words a query is about decide,
      not the side words around them. */
  function termWeights(terms, vocab, negated = []) {
    const topics = setOf(vocab, "topics");
    if (!topics.size) return terms.map(() => 1);
    const names = setOf(vocab, "names");
    const topical = (t) => topics.has(t) || names.has(t) || (/^[a-z]+$/.test(t) && t.length >= 5
      && [...topics].some((w) => w.startsWith(t.slice(0, Math.max(5, t.length - 3)))));
    const generic = setOf(vocab, "generic");
    return terms.map((t) => {
      const w = topical(t) ? 1 : generic.has(t) ? W.generic : W.side;
      // A word a negation governs ("don't pay", "can't pay"): the reader asks what happens
      // without it, so the page about doing it is not the answer.
      return negated.includes(t) ? Math.min(w, W.negated ?? w) : w;
    });
  }

  /** The index word a query term is: its stem (English) or itself (Chinese). */
  function stemOf(term) {
    return HAN_RUN.test(term) ? term : stem(term);
  }

  /** A light English stem, the same rule as sitebuild/search/sections.py ``stem``. */
  function stem(word) {
    if (word.length <= 4 || !/^[a-z]+$/.test(word)) return word;
    let w = word;
    if (w.endsWith("ies")) w = w.slice(0, -3) + "y";
    else if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
    else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
    else if (w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
    return w.length > 4 && w.endsWith("e") ? w.slice(0, -1) : w;
  }

  /* BM25F over the section table (sitebuild/search/sections.py). Chosen on the tuning set
     (tests/site/search_queries.json) and checked on the first blind set (search_blind.json),
     as mechanisms (fields, saturation, roll-up), never a value for one query. A coordinate
     search (`python -m bench.search_fit --fit`, round 3) lifted the tuned-on sets with k1 1.6,
     head 6, minor 0.3 and W.generic 0.3 but lost an English query on the held-out blind2 set:
     not taken (overfitting). */
  const F = {
    k1: 2,          // round 8 (was 1.2): a word said again in a section counts longer before it saturates
    title: 5, syn: 3, head: 4, body: 1,          // field weights
    b: { title: 0.5, syn: 0.3, head: 0.5, body: 0.75 },  // length normalisation per field
    name: 0.5,      // × the names score (title, synonyms: idf of names) beside the best section's
    family: 0.3,    // an English word's family (complain → complaint) counts half
    part: 0.5,      // a dictionary word inside a longer query word (还款 of 还款计划) counts half
    rest: 0.5,      // a page's other sections add this share of their mean score to its best one (round 7: mean, was 0.25 × their sum)
    minor: 0.15,    // a stop word of 2+ characters (怎么办, 微粒贷, "what"): counts little
    whole: 1.5,     // × mean term idf: the title or a synonym holds every term
    wholeHeading: 0.5, // × mean term idf: the best section's heading holds every term (round 7: was 1, see rest)
    unnamed: 0.8,   // × the score of a page whose names hold no query term
    liftNamed: 2,   // a reference page's rank weight rises towards 1 by 1/n^liftNamed when a query term names it and n-1 other pages
    nameMix: 0.5,   // English: a name's idf leans this far (geometric) towards the word's idf over the site
    define: 1.5,    // × the terms' mean idf: a defining query's terms are a term the glossary defines
    domain: 0.4,    // × the weight of a word that names the home page and other pages (网贷: the site's subject)
    overview: 1,    // × the terms' idf: bare topic words naming a page and pages under it (网贷, "templates"): that overview
    numberHead: 1,  // a number (95384) in a heading scores there with the idf of headings (round 6)
    unable: 1,      // (set) "can't", "cannot" are looked up as "unable", the pages' word (round 6)
    restMean: 1,    // (set) a page's other sections count by their mean (round 7; 0: by their sum, as before)
    write: 1,       // (set) a query asking how to write something also searches the template word (round 7)
    fitted: 1,      // (set) the fitted correction LIN is added to each page's score (round 9; LIN is empty: left out)
    stopEdge: 1,    // (set) beside other words, a stop word + index word (微粒贷逾期) is searched as the index word (round 12)
    stopWhole: 1,   // (set) a Chinese word the stop words cut whole (是什么) is a minor term beside other words (round 12)
    features: 0,    // (set) every ranked page carries its features (x): bench/search_fit_model.py sets it
    neigh: 0.75,    // a section adds this share of its better neighbour's score (the section before or after it on its page; round 11)
  };

  /* Round 9: the features of a page for the fitted correction, each a score or a share × the
     query's mean idf (so every feature grows with the query's weight as the score does). */
  const FEATURES = ["names", "best", "rest", "bestShare", "headShare", "nameShare", "pageShare",
    "sections", "reference", "unnamed", "namesPartial", "bestCovered", "coverGap"];
  function features(names, best, rest, bestShare, headShare, nameShare, pageShare, n, weight, m) {
    return [names, best, rest, m * bestShare, m * headShare, m * nameShare, m * pageShare,
      m * Math.log(1 + n), m * (1 - weight), nameShare ? 0 : m,
      names * (1 - nameShare), best * bestShare, m * Math.max(0, bestShare - nameShare)];
  }
  /* The fitted weights, one per FEATURES name: written by `python -m bench.search_fit_model
     --write` (do not edit by hand). */
  // LIN:begin
  const LIN = {};
  // LIN:end
  const FITTED = Object.keys(LIN).length > 0;

  /** A field's postings, word → [page or section, count, …]: as written by sitebuild/search/
      sections.py ``compact`` (v 5: [words joined by spaces, their posting strings joined by
      spaces]; v 3: [words joined by newlines, then an array per word]; in either, the indices as
      gaps, a posting counted once as the one number -(gap + 1)) or already plain (an object). */
  const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const DIGIT = Object.fromEntries([...DIGITS].map((c, i) => [c, i]));
  /** A v 5 posting string's numbers: 5 bits a character, low bits first, one of the last 32
      characters saying another follows; zigzag (0, 1, 2, 3 … → 0, -1, 1, -2 …). */
  function numbers(text) {
    const out = [];
    let z = 0, shift = 0;
    for (const c of text) {
      const d = DIGIT[c];
      z += (d & 31) * 2 ** shift;
      if (d >= 32) { shift += 5; continue; }
      out.push(z % 2 === 0 ? z / 2 : -(z + 1) / 2);
      z = 0; shift = 0;
    }
    return out;
  }
  function expand(field) {
    if (!Array.isArray(field)) return field || {};
    const out = {};
    const v5 = field.length === 2 && typeof field[1] === "string";
    const [joined, ...rest] = field;
    const words = joined ? joined.split(v5 ? " " : "\n") : [];
    const lists = v5 ? (words.length ? rest[0].split(" ").map(numbers) : []) : rest;
    words.forEach((word, w) => {
      const coded = lists[w];
      const plain = [];
      // A negative number is one posting counted once: -(gap + 1) (v 3, round 8).
      for (let i = 0, at = 0; i < coded.length;) {
        if (coded[i] < 0) { at += -coded[i] - 1; plain.push(at, 1); i += 1; }
        else { at += coded[i]; plain.push(at, coded[i + 1]); i += 2; }
      }
      out[word] = plain;
    });
    return out;
  }

  /** Per-table lookups built once: the postings, the page of each section, the words. */
  function prepare(table) {
    if (table.prepared) return table.prepared;
    const maps = {};
    // A plain table's postings are copied: merged pseudo-words (families, holders) are added to
    // these maps, never to the caller's table.
    for (const f of ["title", "syn", "head", "body"]) maps[f] = Array.isArray(table[f]) ? expand(table[f]) : { ...table[f] };
    const pageOf = table.sections.map((s) => s[0]);
    const words = new Set([].concat(...Object.values(maps).map((m) => Object.keys(m))));
    table.prepared = { maps, pageOf, words, df: new Map() };
    return table.prepared;
  }

  /** How many pages hold ``word`` anywhere (title, synonyms, headings, text). */
  function pageFreq(word, table) {
    const P = prepare(table);
    if (P.df.has(word)) return P.df.get(word);
    const pages = new Set();
    for (const f of ["title", "syn"]) { const l = P.maps[f][word] || []; for (let i = 0; i < l.length; i += 2) pages.add(l[i]); }
    for (const f of ["head", "body"]) { const l = P.maps[f][word] || []; for (let i = 0; i < l.length; i += 2) pages.add(P.pageOf[l[i]]); }
    P.df.set(word, pages.size);
    return pages.size;
  }

  /** F.domain for a word that names the home page and other pages too, else 1. The home page
      is about the whole site: a reader's word the synonym table gives it (网贷, "the online
      loan" the reader has) and that other pages' names hold as well is the site's subject, not
      what the query is about, so the query's other words decide (网贷 + 老公 is about the
      spouse, not about the several-debts page whose synonyms say 多笔网贷). A word naming the
      home page alone (想死: the crisis box) keeps its weight. */
  function domainShare(term, table) {
    const P = prepare(table);
    if (P.home === undefined) P.home = table.pages.findIndex((pg) => pg[0] === "/");
    if (P.home < 0) return 1;
    const named = new Set();
    for (const f of ["title", "syn"]) { const l = P.maps[f][term] || []; for (let i = 0; i < l.length; i += 2) named.add(l[i]); }
    return named.has(P.home) && named.size > 1 ? F.domain : 1;
  }

  /** A pseudo-word "~<prefix>" whose postings merge those of the index words beginning with
      ``prefix`` other than ``own`` (built once per prefix); "" when there are none. */
  function familyOf(prefix, own, table) {
    return merged("~" + prefix + "~" + own, (x) => x !== own && x.startsWith(prefix), table);
  }

  /** A pseudo-word whose postings merge those of the index words ``member`` accepts (built once
      per ``key``); "" when there are none. */
  function merged(key, member, table) {
    const P = prepare(table);
    if (P.words.has(key)) return key;
    const members = [...P.words].filter((x) => x[0] !== "~" && member(x));
    if (!members.length) return "";
    for (const f of ["title", "syn", "head", "body"]) {
      const merged = new Map();
      for (const m of members) {
        const l = P.maps[f][m] || [];
        for (let i = 0; i < l.length; i += 2) merged.set(l[i], (merged.get(l[i]) || 0) + l[i + 1]);
      }
      if (merged.size) P.maps[f][key] = [...merged].flat();
    }
    P.words.add(key);
    return key;
  }

  /** The index words a query term is looked up as, [[word, share]]: English, its stem (a word
      being typed, "acceler": the most used index word it begins); Chinese, itself and the
      index words inside it (share F.part). */
  function lookups(term, table) {
    const P = prepare(table);
    if (!HAN_RUN.test(term)) {
      const w = stem(term);
      if (!P.words.has(w) && term.length >= 3) {
        let best = "";
        for (const x of P.words) if (x.startsWith(term) && (!best || pageFreq(x, table) > pageFreq(best, table))) best = x;
        if (best) return [[best, 1]];
      }
      const out = [[w, 1]];
      // Its word family (5+ letters: the words sharing all but its last 3 letters): "complain"
      // meets "complaint", "collectors" "collection", as one word at half weight.
      if (F.family && /^[a-z]{5,}$/.test(term)) {
        const family = familyOf(term.slice(0, Math.max(5, term.length - 3)), w, table);
        if (family) out.push([family, F.family]);
      }
      return out;
    }
    const out = P.words.has(term) ? [[term, 1]] : [];
    const chars = [...term];
    for (let n = chars.length - 1; n >= 2; n--) {
      for (let i = 0; i + n <= chars.length; i++) {
        const w = chars.slice(i, i + n).join("");
        if (P.words.has(w) && !out.some(([o], j) => (j > 0 || !P.words.has(term)) && o.includes(w))) out.push([w, F.part]);
      }
    }
    // A piece the site has neither as a word nor with a word inside it (人死 of 人死了债就没了吗):
    // the site's longer words that hold it (人死债消), as one word at F.part.
    if (!out.length && chars.length >= 2) {
      const holders = merged("~in~" + term, (x) => x !== term && x.includes(term), table);
      if (holders) out.push([holders, F.part]);
    }
    return out;
  }

  /** The overview a query of bare topic words asks for (round 5), or null: among the pages
      the query's topic terms name (title or synonyms), the one every term names whose URL holds
      all the others' (a section's index: letters/ over letters/…/; the home page over every
      page). 网贷 alone names the home page and the several-debts page: the home page, the site's
      overview, answers it; "templates" names the letter index and each letter: the index. A
      query whose terms name one page only, or no page holding the others, has none. */
  function overviewOf(topical, table) {
    if (!F.overview || !topical.length) return null;
    const P = prepare(table);
    const N = table.pages.length;
    let every = null;
    const any = new Set();
    let idf = 0;
    for (const t of topical) {
      const w = stemOf(t);
      const named = new Set();
      for (const f of ["title", "syn"]) { const l = P.maps[f][w] || []; for (let i = 0; i < l.length; i += 2) named.add(l[i]); }
      every = every ? new Set([...every].filter((p) => named.has(p))) : named;
      for (const p of named) any.add(p);
      const df = pageFreq(w, table);
      idf += Math.log(1 + (N - df + 0.5) / (df + 0.5)) / topical.length;
    }
    if (any.size < 2) return null;
    const urlOf = (p) => table.pages[p][0];
    for (const p of every) {
      if ([...any].every((q) => urlOf(q).startsWith(urlOf(p)))) return { page: p, idf };
    }
    return null;
  }

  /**
   * Pages ranked by BM25F over their sections, best first: [{page, url, title, fid, score,
   * section (anchor id of the best section, "" for the top of the page), heading}].
   * ``terms``: analyse() terms (lower case); ``weights``: termWeights(); ``minor``: analyse()
   * minor (weight F.minor); ``table``: the edition's wld-sections.json.
   * A section's score sums, per term, idf × tf/(k1 + tf) over its heading and text (tf weighted
   * and length-normalised per field); a page's names (title, synonyms) score apart with the idf
   * of names (催收 is in most pages' text but names two); a page scores its names, its best
   * section and a share of the others; a reference page's text weighs its rank weight.
   */
  function rankPages(terms, table, weights = terms.map(() => 1), minor = [], defining = false) {
    const P = prepare(table);
    const N = table.pages.length;
    const L = table.len;
    const secScore = new Float64Array(table.sections.length);
    const nameScore = new Float64Array(N);
    const nameHits = table.pages.map(() => new Set());
    // The fitted correction's features (round 9) need the query terms each section holds: only
    // for the fit (F.features) or a non-empty LIN; the box, LIN empty, computes none of them.
    const featured = F.features || FITTED;
    const secMask = featured ? new Int32Array(table.sections.length) : null;  // the topic terms a section holds (bit k)
    const headMask = featured ? new Int32Array(table.sections.length) : null;  // … its heading holds
    const norm = (f, len) => F[f] / (1 - F.b[f] + F.b[f] * len / (L[f] || 1));
    const weighed = weights.concat(minor.map(() => F.minor));
    let idfSum = 0;
    const namedBy = new Float64Array(N);
    terms.forEach((term, k) => { weighed[k] *= domainShare(term, table); });
    terms.concat(minor).forEach((term, k) => {
      for (const [word, share] of lookups(term, table)) {
        const df = pageFreq(word, table);
        if (!df) continue;
        const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5)) * share * weighed[k];
        if (share === 1 && k < terms.length) idfSum += idf;
        const byPage = new Map();
        for (const f of ["title", "syn"]) {
          const l = P.maps[f][word] || [];
          for (let i = 0; i < l.length; i += 2) {
            const len = table.pages[l[i]][f === "title" ? 4 : 5] ?? L[f];
            byPage.set(l[i], (byPage.get(l[i]) || 0) + l[i + 1] * norm(f, len));
            if (k < terms.length) nameHits[l[i]].add(k);
          }
        }
        const tf = new Map();  // section → weighted term frequency
        for (const f of ["head", "body"]) {
          const l = P.maps[f][word] || [];
          for (let i = 0; i < l.length; i += 2) {
            const s = l[i];
            // A reference page's headings are names (the glossary's terms), not what it is
            // about: they count as its text.
            const field = f === "head" && table.pages[P.pageOf[s]][2] < (F.refHead ?? 1) ? "body" : f;
            const len = f === "body" ? table.sections[s][3] : L.head;
            tf.set(s, (tf.get(s) || 0) + l[i + 1] * norm(field, len));
            if (featured && k < terms.length && k < 30) {
              secMask[s] = secMask[s] | (1 << k);
              if (f === "head") headMask[s] = headMask[s] | (1 << k);
            }
          }
        }
        for (const [s, v] of tf) secScore[s] += idf * v / (F.k1 + v);
        // A number (95384, 12378) is the name of the section whose heading holds it, as a title
        // word names its page: its heading hits score with the idf of headings, not of the text
        // that mentions it everywhere (the hotline is in most pages' text).
        if (F.numberHead && /^\d{3,}$/.test(word)) {
          const l = P.maps.head[word] || [];
          const heads = new Set();
          for (let i = 0; i < l.length; i += 2) heads.add(P.pageOf[l[i]]);
          const headIdf = Math.log(1 + (N - heads.size + 0.5) / (heads.size + 0.5)) * share * weighed[k];
          for (let i = 0; i < l.length; i += 2) {
            const v = l[i + 1] * norm("head", L.head);
            secScore[l[i]] += F.numberHead * Math.max(0, headIdf - idf) * v / (F.k1 + v);
          }
        }
        let nameIdf = Math.log(1 + (N - byPage.size + 0.5) / (byPage.size + 0.5)) * share * weighed[k];
        // An English title word is a common word (loan, bank, credit, pay) that most pages' text
        // holds too, not a page's name alone: its name idf leans towards its idf over the whole
        // site. (Chinese names are compounds, 催收电话, whose name idf stands: measured, leaning
        // them too lost the 接到催收电话怎么办 and zh queries on the tuning and dev sets.)
        if (F.nameMix && !HAN_RUN.test(word)) nameIdf = nameIdf ** (1 - F.nameMix) * idf ** F.nameMix;
        // How plainly this term names each page: 1 when it names that page alone.
        if (share === 1 && k < terms.length && weights[k] >= 1) {
          for (const p of byPage.keys()) namedBy[p] = Math.max(namedBy[p], 1 / byPage.size ** F.liftNamed);
        }
        for (const [p, v] of byPage) nameScore[p] += F.name * nameIdf * v / (F.k1 + v);
      }
    });
    // A query asking what a word means, whose terms a defining section's heading (a glossary
    // entry) holds: that section answers it, its page counts in full and gains F.define × the
    // terms' mean idf (违约金是什么, "what is LPR": the glossary's entry, not the pages using it).
    const defined = new Map();  // page → its defining section
    let defineIdf = 0;
    if (defining && terms.length) {
      for (const s of table.defines || []) {
        const heading = (table.sections[s][2] || "").toLowerCase();
        if (terms.every((t) => holds(heading, t))) defined.set(table.sections[s][0], s);
      }
      for (const t of terms) { const df = pageFreq(stemOf(t), table); defineIdf += Math.log(1 + (N - df + 0.5) / (df + 0.5)); }
      defineIdf /= terms.length;
    }
    // Neighbouring sections (round 11): a section gains a share of its better neighbour's score
    // (the section before or after it on its page), so a passage of two or three sections that
    // meets the query's words between them counts as one answer. What a section holds itself
    // (``own``) still chooses the section a result links to.
    const own = F.neigh ? Float64Array.from(secScore) : secScore;
    if (F.neigh) {
      const n = own.length;
      for (let s = 0; s < n; s++) {
        if (!own[s]) continue;
        const p = table.sections[s][0];
        const before = s > 0 && table.sections[s - 1][0] === p ? own[s - 1] : 0;
        const after = s + 1 < n && table.sections[s + 1][0] === p ? own[s + 1] : 0;
        secScore[s] += F.neigh * Math.max(before, after);
      }
    }
    const overview = overviewOf(terms.filter((_, k) => weights[k] >= 1), table);
    const pages = new Map();
    table.sections.forEach((sec, s) => {
      const p = sec[0];
      if (!secScore[s] && !nameScore[p] && !defined.has(p)) return;
      const e = pages.get(p) || { best: 0, bestAt: s, sum: 0, n: 0, own: 0, ownAt: s };
      e.sum += secScore[s];
      if (secScore[s]) e.n += 1;
      if (secScore[s] > e.best) { e.best = secScore[s]; e.bestAt = s; }
      if (own[s] > e.own) { e.own = own[s]; e.ownAt = s; }
      pages.set(p, e);
    });
    const all = terms.length;
    const key = terms.map((_, k) => k);
    // The query's topic weight a set of its terms (bit k) holds, as a share of the whole.
    const totalWeight = weighed.slice(0, all).reduce((a, b) => a + b, 0) || 1;
    const shareOf = (mask) => weighed.slice(0, all).reduce((a, w, k) => a + (k < 30 && mask & (1 << k) ? w : 0), 0) / totalWeight;
    const meanIdf = all ? idfSum / all : 0;
    const pageMask = featured ? new Int32Array(N) : null;
    if (featured) table.sections.forEach((sec, s) => { pageMask[sec[0]] = pageMask[sec[0]] | secMask[s]; });
    const out = [];
    for (const [p, e] of pages) {
      const page = table.pages[p];
      if (defined.has(p)) e.bestAt = defined.get(p);
      const sec = table.sections[e.bestAt];
      // A reference page's text counts by its rank weight, lifted to 1 when a topic term of the
      // query names it alone (计算器, "calculator", 异议): a reader who names the tool wants it;
      // one who only meets its words in its text wants the article. A term naming n pages lifts
      // each by 1/n² (模板 names every letter and their index: a little).
      let weight = page[2];
      if (weight < 1) weight += (1 - weight) * (defined.has(p) ? 1 : namedBy[p]);
      // Its other sections count by their mean, not their sum (round 7): a long page (the
      // record page, the lawsuit page) meets most query words somewhere in many sections, and
      // summed they outweighed the one section of another page that answers the query.
      const others = !F.restMean ? e.sum - e.best : e.n > 1 ? (e.sum - e.best) / (e.n - 1) : 0;
      let score = nameScore[p] + weight * (e.best + F.rest * others);
      // A page none of whose names (title, synonyms) holds a query term is about something
      // else: its sections count less than those of a page named for the query.
      if (!nameHits[p].size) score *= F.unnamed;
      if (all > 1 && key.every((k) => nameHits[p].has(k))) score += F.whole * idfSum / all;
      else if (all > 1 && sec[2] && key.every((k) => holds(sec[2].toLowerCase(), terms[k]))) score += F.wholeHeading * idfSum / all;
      if (defined.has(p)) score += F.define * defineIdf;
      if (overview && overview.page === p) score += F.overview * overview.idf;
      // Round 9: the fitted correction (bench/search_fit_model.py, LIN below), a linear model over
      // what the score above is made of, fitted by pairwise logistic loss on the tuned sets. Left
      // out (LIN is empty): it did not hold out on dev-b + blind7; the features stay for the fit.
      let x;
      if (featured) {
        let names = 0;
        for (const k of nameHits[p]) if (k < 30) names |= 1 << k;
        x = features(nameScore[p], weight * e.best, weight * F.rest * others, shareOf(secMask[e.bestAt]),
          shareOf(headMask[e.bestAt]), shareOf(names), shareOf(pageMask[p] | names), e.n, page[2], meanIdf);
      }
      if (F.fitted && FITTED) score += x.reduce((a, v, i) => a + v * (LIN[FEATURES[i]] || 0), 0);
      const link = defined.has(p) ? sec : table.sections[e.ownAt];
      out.push({ page: p, url: page[0], title: page[1], fid: page[3], score, section: link[1], heading: link[2], x });
    }
    return out.sort((a, b) => b.score - a.score);
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

  /** A section's excerpt (Pagefind HTML) without the punctuation that cannot open a sentence at
      its start: a sub-result's excerpt can begin where its heading ended ("：" of 诉讼费：谁出、多少),
      before or inside a leading <mark>. */
  function tidyExcerpt(excerpt) {
    return (excerpt || "").replace(/^((?:\s|<mark>)*)[\s：:，,、；;。.）)]+/u, "$1");
  }

  const api = { analyse, rankPages, warm, expand, stem, fuzzy, F, W, LIN, FEATURES, termWeights, highlightTerms, highlightPattern, distance, tidyExcerpt };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.wldRanking = api;
})(typeof globalThis === "object" ? globalThis : this);
