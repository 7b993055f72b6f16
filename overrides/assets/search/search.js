/* Site search on Pagefind, in Material's search dialog (overrides/partials/search.html).
 *
 * Why not Material's own search: see dev/search.md. What this file does:
 * - loads this edition's Pagefind bundle (<edition>/pagefind/pagefind.js, self-hosted), the
 *   index's own words (pagefind/wld-vocab.json) and the section table (pagefind/wld-sections.json)
 *   as soon as the reader shows intent (hover, touch
 *   or focus on the search button or box), so the first query does not wait for them;
 * - cuts the query into topic terms (overrides/assets/search/ranking.js: the site's words, stop
 *   words dropped, typos and homophones replaced by index words) and ranks the pages by
 *   ranking.js rankPages() over the section table (pagefind/wld-sections.json, BM25F); one
 *   Pagefind search for all terms together and one per term, all at once, give the excerpts;
 * - renders Material's own result markup (page, then the sections that matched); a page links to
 *   the section that answers the query best;
 * - says what it searched instead of a mistyped word ("显示“催收”的结果");
 * - every result link carries ?h=<the searched terms>; on the page opened, those terms are
 *   marked as whole words (never a stop word, never "ban" inside "bank").
 * Classic script, no inline code: the site's Content-Security-Policy allows 'self' scripts and
 * 'wasm-unsafe-eval' for Pagefind's WebAssembly.
 */
(() => {
  "use strict";

  const R = window.wldRanking;
  const root = document.querySelector("[data-wld-search]");
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const t = (key, n) => (config.translations?.[key] || "").replace("#", String(n));
  /* Words that carry no topic (extra.search.stopwords of the edition's config). */
  const STOP = new Set((root?.dataset.stopwords || "").toLowerCase().split(/\s+/).filter(Boolean));

  /* -- highlight the searched terms on the page a result opened -------------------------- */

  function highlight() {
    const query = new URLSearchParams(location.search).get("h");
    const article = document.querySelector("article.md-content__inner");
    if (!query || !article) return;
    const terms = R.highlightTerms(query, STOP);
    if (!terms.length) return;
    const pattern = R.highlightPattern(terms);
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => n.parentElement?.closest("script, style, mark, .headerlink, [hidden]")
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
      text.replace(pattern, (m, ...rest) => {
        const at = rest.find((x) => typeof x === "number");
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
  /* The edition's root path ("/" or "/en/"): the section table's page URLs are relative to it. */
  const editionRoot = new URL("../", bundle).pathname;
  let pagefind = null;
  let vocabulary = null;
  let sections = null;
  /* Pages under MIN_SHARE of the best score are not shown (they matched a side word: 0.2 cut
     the tuning set's unwanted places 2 and 3 by a quarter, no wanted page lost); at most
     SHOWN are shown, each with Pagefind's excerpt. */
  const MIN_SHARE = 0.2;
  const SHOWN = 10;

  /** Pagefind, the index's words and the section table, loaded once, all at the same time. */
  function load() {
    const json = (name) => fetch(bundle + name).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    if (!vocabulary) {
      vocabulary = json("wld-vocab.json").then((v) => v || {});
      sections = json("wld-sections.json");
      // Their lookups are built when the browser is idle, not when the first query arrives.
      const idle = window.requestIdleCallback || ((f) => setTimeout(f, 0));
      Promise.all([vocabulary, sections]).then(([v, t]) => idle(() => R.warm(v, t), { timeout: 200 }));
    }
    pagefind ||= import(bundle + "pagefind.js").then(async (pf) => {
      await pf.options({ excerptLength: 24 });
      await pf.init();
      return pf;
    });
    return pagefind;
  }

  /**
   * Pages for ``query``, best first: {terms, fixes, pages: [{url, title, excerpt, score, section,
   * sections:[{url,title,excerpt}]}]}. ``terms`` are what was searched (for ?h=), ``fixes`` the
   * [typed, searched] words the box says it replaced. The ranking is ranking.js rankPages() over
   * the section table; Pagefind gives the excerpts: one search for all terms together and one per
   * term, all at once. ``early(found)``, if given, receives the ranked pages without excerpts as
   * soon as the section table has ranked them (the box shows them while Pagefind works).
   */
  async function rank(query, early = null) {
    load();
    const [vocab, table] = await Promise.all([vocabulary, sections]);
    const { terms, fixes, minor, defining, negated } = R.analyse(query, vocab, STOP);
    const lower = terms.map((x) => x.toLowerCase());
    const queries = lower.length > 1 ? [lower.join(" "), ...lower] : lower;
    const searches = pagefind.then((pf) => Promise.all(queries.map((q) => pf.search(q))));
    let ranked = table ? R.rankPages(lower, table, R.termWeights(lower, vocab, negated), minor, defining) : [];
    const shownOf = (list) => {
      const floor = list.length ? list[0].score * MIN_SHARE : 0;
      return list.filter((r) => r.score > 0 && r.score >= floor).slice(0, SHOWN);
    };
    if (early && table) early({ terms, fixes, pages: shownOf(ranked).map((r) => present(r, null)).filter(Boolean) });
    // A Pagefind failure (a fragment that is neither cached nor reachable) costs the excerpts,
    // not the pages the section table has already ranked.
    const found = await searches.catch((err) => {
      if (!table) throw err;
      console.error(err);
      return queries.map(() => ({ results: [] }));
    });
    if (!table) {  // no section table (a failed fetch): Pagefind's own order
      ranked = found[0].results.slice(0, SHOWN).map((r, i) => ({ fid: r.id, score: SHOWN - i, section: "", url: "" }));
    }
    ranked = shownOf(ranked);
    // Each shown page's excerpt from the first search that found it (all terms together first).
    const hitOf = (fid) => { for (const f of found) { const h = f.results.find((r) => r.id === fid); if (h) return h; } return null; };
    const datas = await Promise.all(ranked.map((r) => hitOf(r.fid)?.data() ?? null));
    const shown = ranked.map((r, i) => present(r, datas[i])).filter(Boolean);
    return { terms, fixes, pages: shown };
  }

  /** A ranked page as the dialog shows it: the page, linked to its answering section (the best
      section of rankPages(), when it is not the top of the page), then up to 3 sections Pagefind
      matched. ``data``: Pagefind's page data, or null when no search found the page. */
  function present(r, data) {
    const url = r.url ? editionRoot + r.url.replace(/^\//, "") : data?.url;
    if (!url) return null;
    const synonyms = (data?.meta.synonyms || "").split("|").filter(Boolean);
    const title = data?.meta.title || r.title;
    const weightOf = (s) => (s.weighted_locations || []).reduce((n, l) => n + (l.balanced_score || l.weight || 0), 0);
    const sections = (data?.sub_results || [])
      .filter((s) => s.url.includes("#") && s.title !== title && !showsSynonyms(s.excerpt, synonyms))
      .sort((a, b) => weightOf(b) - weightOf(a))
      .slice(0, 3)
      .map((s) => ({ url: s.url, title: s.title, excerpt: R.tidyExcerpt(s.excerpt) }));
    const own = data ? R.tidyExcerpt(data.excerpt) : "";
    const excerpt = !data || showsSynonyms(own, synonyms) || sections.some((s) => s.excerpt === own) ? "" : own;
    const section = r.section ? (r.heading || "").replace(/\u200b/g, "") : "";
    return { url: r.section ? `${url}#${r.section}` : url, score: r.score, title, section, excerpt, sections };
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

  /** ``url`` with ?h=<the searched terms> before its #fragment. */
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

  /** The line above the results: how many, and what was searched instead of a typed word. */
  function status(count, fixes) {
    const n = count === 0 ? t("search.result.none") : count === 1 ? t("search.result.one")
      : t("search.result.other", count);
    if (!fixes.length) return n;
    const said = (root.dataset.corrected || "#").replace("#", fixes.map(([, to]) => to).join(" "));
    return `${said} · ${n}`;
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
    /* Draws ``found`` unless a newer query is on its way or pinyin is being typed; ``done``: the
       excerpts are in (tests and the benchmark wait on list.dataset.query). */
    const draw = ({ terms, fixes, pages }, done) => {
      if (ticket !== latest || composing) return;
      list.replaceChildren(...pages.map((r) => item(r, terms.join(" "))));
      meta.textContent = status(pages.length, fixes);
      if (done) list.dataset.query = query;
    };
    let found = { terms: [], fixes: [], pages: [] };
    try {
      // The ranked pages first (the section table, no Pagefind), then again with excerpts.
      found = await rank(query, (early) => draw(early, false));
    } catch (err) {
      console.error(err); // a failed index fetch: "no results", not a box that never answers
    }
    draw(found, true);
  }

  /* While an input method composes (pinyin letters, not yet characters), nothing is searched:
     the query is the text committed at compositionend. */
  let composing = false;
  let timer = 0;
  let lastRun = 0;
  /* A query after a pause runs at once (the first query does not wait); one typed within 30 ms
     of the last waits until the typing stops for 30 ms. */
  const later = () => {
    clearTimeout(timer);
    const now = performance.now();
    if (now - lastRun > 30) { lastRun = now; run(); return; }
    timer = setTimeout(() => { lastRun = performance.now(); run(); }, 30);
  };
  input.addEventListener("compositionstart", () => { composing = true; clearTimeout(timer); });
  input.addEventListener("compositionend", () => { composing = false; later(); });
  input.addEventListener("input", (e) => { if (!composing && !e.isComposing) later(); });
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
  /* Intent: the reader's pointer or finger on the search button or box starts loading the index,
     so the first query after opening the box does not wait for it. */
  const intent = () => { load().catch(() => {}); };
  for (const el of [input, ...document.querySelectorAll("label[for=__search]")]) {
    for (const type of ["pointerenter", "touchstart", "focus"]) el.addEventListener(type, intent, { once: true, passive: true });
  }

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
  window.wldSearch = { rank, load };
})();
