/* Site search on Pagefind, in Material's search dialog (overrides/partials/search.html).
 *
 * Why not Material's own search: measured in README "Languages and search". What this file does:
 * - nothing until the reader opens the search box; then it imports this edition's Pagefind
 *   bundle (<edition>/pagefind/pagefind.js, self-hosted), which fetches only the index chunks
 *   each query needs;
 * - ranks Pagefind's results (see rank()): reference pages (the [rank] weights of
 *   i18n/search_synonyms.toml, given to the index at build time) below articles, a page whose
 *   title or synonyms hold the query above others; a question is also searched word by word;
 * - renders Material's own result markup (page, then the sections that matched);
 * - every result link carries ?h=<the whole query>; on the page opened, the whole query (or each
 *   of its space-separated words, never a single character) is marked.
 * Classic script, no inline code: the site's Content-Security-Policy allows 'self' scripts and
 * 'wasm-unsafe-eval' for Pagefind's WebAssembly.
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-wld-search]");
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const t = (key, n) => (config.translations?.[key] || "").replace("#", String(n));

  /* -- highlight the query on the page a result opened ------------------------------------ */

  /** Words to mark: the whole query if the page holds it, else its words of 2+ characters. */
  function highlightTerms(query, text) {
    const q = query.trim();
    if ([...q].length < 2) return [];
    if (text.toLowerCase().includes(q.toLowerCase())) return [q];
    return q.split(/\s+/).filter((w) => [...w].length >= 2);
  }

  function highlight() {
    const query = new URLSearchParams(location.search).get("h");
    const article = document.querySelector("article.md-content__inner");
    if (!query || !article) return;
    const terms = highlightTerms(query, article.textContent || "");
    if (!terms.length) return;
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(terms.map(escape).join("|"), "gi");
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => n.parentElement?.closest("script, style, mark, .headerlink")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    let first = null;
    for (const node of nodes) {
      const text = node.nodeValue;
      pattern.lastIndex = 0;
      if (!pattern.test(text)) continue;
      const frag = document.createDocumentFragment();
      let last = 0;
      text.replace(pattern, (m, at) => {
        frag.append(text.slice(last, at));
        const mark = document.createElement("mark");
        mark.className = "wld-search-highlight";
        mark.textContent = m;
        frag.append(mark);
        first ||= mark;
        last = at + m.length;
        return m;
      });
      frag.append(text.slice(last));
      node.replaceWith(frag);
    }
    if (first && !location.hash) first.scrollIntoView({ block: "center" });
  }

  highlight();
  if (!root) return;

  /* -- querying and ranking ---------------------------------------------------------------- */

  const bundle = new URL(root.dataset.bundle, location.href).href;
  const lang = document.documentElement.lang || "en";
  /* Words that carry no topic (extra.search.stopwords of the edition's config). */
  const STOP = new Set((root.dataset.stopwords || "").split(/\s+/).filter(Boolean));
  let pagefind = null;
  /* A page whose title (or a synonym) holds the query: score × (1 + K); a section title: K / 2.
     Pages under MIN_SHARE of the best score are not shown. Both chosen by measurement on
     tests/site/search_queries.json (README, "Languages and search"). */
  const K = 4;
  const MIN_SHARE = 0.1;

  function load() {
    pagefind ||= import(bundle + "pagefind.js").then(async (pf) => {
      await pf.options({ excerptLength: 24 });
      await pf.init();
      return pf;
    });
    return pagefind;
  }

  /**
   * Topic words of a query: the browser's word segmenter, stop words dropped; runs of single
   * Chinese characters joined again (ICU cuts 征信, 催收 into characters), lone characters dropped.
   */
  function words(query) {
    const seg = new Intl.Segmenter(lang, { granularity: "word" });
    const out = [];
    let run = "";
    const flush = () => { if ([...run].length >= 2) out.push(run); run = ""; };
    for (const s of seg.segment(query)) {
      const w = s.segment;
      if (!s.isWordLike || STOP.has(w.toLowerCase())) { flush(); continue; }
      if ([...w].length === 1 && /\p{Script=Han}/u.test(w)) { run += w; continue; }
      flush();
      if ([...w].length >= 2 || /\d/.test(w)) out.push(w);
    }
    flush();
    return out;
  }

  /** Does ``term`` occur in ``name``: as a substring, or (words of 5+ letters) by a shared stem,
      so "negotiate" names "Negotiating with WeBank". */
  function holds(name, term) {
    if (name.includes(term)) return true;
    if (!/^[a-z]{5,}$/.test(term)) return false;
    const stem = term.slice(0, Math.max(5, term.length - 3));
    return name.split(/[^a-z]+/).some((w) => w.startsWith(stem));
  }

  /** How well ``names`` name the query: 1 if one holds the whole query, 0.5 if one holds every
      topic word of it (被起诉了怎么办 is the title 被起诉了怎么办, not 起诉前后的程序陷阱), else 0. */
  function named(names, q, terms) {
    const ns = names.map((raw) => raw.toLowerCase()).filter((n) => n !== "");
    if (ns.some((n) => n.includes(q))) return 1;
    return ns.some((n) => terms.every((t) => holds(n, t))) ? 0.5 : 0;
  }

  /** The first ``limit`` results of one Pagefind query, data loaded: [{score, data}]. */
  async function fetchResults(pf, query, limit) {
    const found = await pf.search(query);
    const top = found.results.slice(0, limit);
    return Promise.all(top.map(async (r) => ({ score: r.score, data: await r.data() })));
  }

  /**
   * Pages for ``query``, best first: [{url, title, excerpt, sections:[{url,title,excerpt}]}].
   * The whole query, and (when it has two or more topic words) each topic word on its own:
   * pages holding more of the words first, then by summed score. A question such as
   * 征信多久能恢复 matches little as a whole but 征信 + 恢复 find the page that answers it.
   */
  async function rank(query) {
    const pf = await load();
    const limit = 12;
    const byUrl = new Map();
    const add = (results) => {
      for (const r of results) {
        const seen = byUrl.get(r.data.url);
        if (seen) seen.score += r.score; else byUrl.set(r.data.url, { ...r });
      }
    };
    add(await fetchResults(pf, query, limit));
    const parts = words(query);
    // A question or phrase with words that name no topic (会坐牢吗, "can they call my family")
    // matches little as a whole: its topic words are searched one by one as well, and each
    // page's scores are summed.
    const split = parts.length > 0 && parts.join("") !== query.replace(/\s+/g, "");
    if (split) {
      for (const part of parts) add(await fetchResults(pf, part, limit));
    }
    // What is shown of a split query comes from its topic words only, so the excerpts mark
    // 起诉 or "jail", not 了 or "to".
    const shown = new Map();
    if (split) {
      for (const r of await fetchResults(pf, parts.join(" "), limit)) shown.set(r.data.url, r.data);
    }
    const scored = [...byUrl.values()];
    const q = query.trim().toLowerCase();
    const terms = (parts.length ? parts : [q]).map((p) => p.toLowerCase());
    for (const r of scored) {
      const weight = parseFloat(r.data.meta.rank || "1");
      // What a page is about: its title and reviewed synonyms (i18n/search_synonyms.toml),
      // then its section titles: a page so named gets its score × (1 + K).
      const names = [r.data.meta.title || "", ...(r.data.meta.synonyms || "").split("|")];
      // Section titles count half, and not on the reference pages, whose sections are all names.
      const sections = weight < 1 ? [] : r.data.sub_results.map((s) => s.title || "");
      // A title that holds the whole query: K; one that holds only its topic words, or a section
      // title that holds either: K / 2.
      const boost = K * Math.max(named(names, q, terms), named(sections, q, terms) > 0 ? 0.5 : 0);
      r.final = r.score * weight * (1 + boost);
    }
    scored.sort((a, b) => b.final - a.final);
    // Pages scoring under a tenth of the best one matched a stray character or word: not shown.
    const floor = scored.length ? scored[0].final * MIN_SHARE : 0;
    return scored.filter((r) => r.final >= floor).map(({ data: found, final }) => {
      const data = shown.get(found.url) || found;
      const synonyms = (data.meta.synonyms || "").split("|").filter(Boolean);
      // The sections that matched, best match first (Pagefind lists them in page order).
      const weightOf = (s) => (s.weighted_locations || []).reduce((n, l) => n + (l.balanced_score || l.weight || 0), 0);
      const sections = data.sub_results
        .filter((s) => s.url.includes("#") && s.title !== data.meta.title && !showsSynonyms(s.excerpt, synonyms))
        .sort((a, b) => weightOf(b) - weightOf(a))
        .slice(0, 3)
        .map((s) => ({ url: s.url, title: s.title, excerpt: s.excerpt }));
      // The page's excerpt, unless it is the synonym line or repeats a section shown below it.
      const excerpt = showsSynonyms(data.excerpt, synonyms) || sections.some((s) => s.excerpt === data.excerpt)
        ? "" : data.excerpt;
      return { url: data.url, score: final, title: data.meta.title, excerpt, sections };
    });
  }

  /** Is ``excerpt`` (Pagefind HTML) taken from the page's invisible synonym line? Then it is not
      shown: readers should see the page's own text. */
  function showsSynonyms(excerpt, synonyms) {
    if (!synonyms.length) return false;
    const text = excerpt.replace(/<[^>]*>/g, "");
    return synonyms.filter((w) => text.includes(w)).length >= Math.min(2, synonyms.length);
  }

  /* -- the dialog ---------------------------------------------------------------------------- */

  const toggle = document.getElementById("__search");
  const input = root.querySelector(".md-search__input");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const reset = root.querySelector("button[type=reset]");

  /** ``url`` with ?h=<query> before its #fragment. */
  function withQuery(url, query) {
    const [path, hash] = url.split("#");
    return `${path}?h=${encodeURIComponent(query.trim())}${hash ? "#" + hash : ""}`;
  }

  function item(result, query) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = (url, level, title, excerpt) => {
      const a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = withQuery(url, query);
      const article = document.createElement("article");
      article.className = "md-search-result__article md-typeset" + (level === 1 ? " md-search-result__article--document" : "");
      if (level === 1) {
        const icon = document.createElement("div");
        icon.className = "md-search-result__icon md-icon";
        article.append(icon);
      }
      const h = document.createElement(level === 1 ? "h1" : "h2");
      h.textContent = title;
      article.append(h);
      if (excerpt) {
        const p = document.createElement("p");
        p.innerHTML = excerpt; // Pagefind's excerpt: page text, escaped, with <mark> around hits
        article.append(p);
      }
      a.append(article);
      return a;
    };
    li.append(link(result.url, 1, result.title, result.excerpt));
    for (const s of result.sections) li.append(link(s.url, 2, s.title, s.excerpt));
    return li;
  }

  let latest = 0;
  async function run() {
    const query = input.value;
    const ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      meta.textContent = t("search.result.placeholder");
      return;
    }
    const results = await rank(query);
    if (ticket !== latest) return; // a newer query is already on its way
    list.replaceChildren(...results.map((r) => item(r, query)));
    meta.textContent = results.length === 0 ? t("search.result.none")
      : results.length === 1 ? t("search.result.one") : t("search.result.other", results.length);
  }

  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 30); });
  root.querySelector("form").addEventListener("submit", (e) => {
    e.preventDefault();
    list.querySelector("a")?.click();
  });
  reset?.addEventListener("click", () => setTimeout(run, 0));

  function opened() {
    if (!toggle.checked) return;
    meta.textContent = t("search.result.placeholder");
    load().catch(() => { meta.textContent = t("search.result.none"); });
    setTimeout(() => input.focus(), 0);
  }
  toggle.addEventListener("change", opened);
  input.addEventListener("focus", () => { if (!toggle.checked) toggle.click(); else load(); });

  document.addEventListener("keydown", (e) => {
    if (!toggle.checked) return;
    if (e.key === "Escape") { toggle.click(); input.blur(); return; }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const links = [input, ...list.querySelectorAll("a")];
      const at = links.indexOf(document.activeElement);
      const next = (Math.max(0, at) + links.length + (e.key === "ArrowUp" ? -1 : 1)) % links.length;
      links[next].focus();
      e.preventDefault();
    }
  });
  list.addEventListener("click", (e) => { if (e.target.closest("a")) toggle.checked = false; });

  /* For the benchmark and tests: the same ranking the dialog uses, without the typing. */
  window.wldSearch = { rank, load, highlightTerms };
})();
