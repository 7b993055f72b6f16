// The in-page calculator: form handling, the Pyodide worker, shareable URL fragment, copy.
// Loaded (as a module) only on pages that hold a ```calculator fence; the worker, and with it
// Pyodide, starts only on intent: a field gets focus, the form is submitted, or a shared link
// names the widget (not when it scrolls into view: that cost readers 6 MB they never used). Everything the widget
// shows comes from Python: the labels and form from the build, results from the worker.

// Without 'wasm-unsafe-eval' loadPyodide neither resolves nor rejects: give up when the worker
// has said nothing for this long (it reports every 250 ms while bytes arrive, so a slow network
// is no stall; once every byte is in, it speaks at each step of the start, so a slow CPU is no stall
// unless one step outlasts this: worker.js, "Words while the engine works").
const STALL_MS = 40000;
// Short: a typed change shows its result within ~200 ms (bench/calculator.py measures it);
// fast typing is coalesced in compute(), not by waiting longer.
const DEBOUNCE_MS = 80;
let engine = null; // {worker, ready: Promise<number>, pending: Map<id, resolve>}
let nextId = 1;
const listeners = new Set(); // widgets' progress callbacks: ({stage, done, total}) => void

/** Why the engine did not start: "unsupported" (no WebAssembly / module workers), "network"
 * (a file failed to download; retry resumes), "stalled" (no word for STALL_MS), "integrity" (a file
 * arrived damaged; retry), "stale" (the site was updated: reload), or "engine" (retry). */
function failure(kind, detail, done = 0, total = 0) {
  return Object.assign(new Error(detail || kind), { kind, done, total });
}

function sizesOf(widget) {
  try {
    return JSON.parse(widget.dataset.download || "{}");
  } catch {
    return {};
  }
}

function startEngine(widget) {
  if (engine) return engine;
  const pending = new Map();
  let worker;
  const ready = new Promise((resolve, reject) => {
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      reject(failure("unsupported", "no WebAssembly or Worker"));
      return;
    }
    let moduleWorkers = false; // a browser that reads the "type" option supports module workers
    try {
      worker = new Worker(new URL("worker.js", import.meta.url), {
        get type() {
          moduleWorkers = true;
          return "module";
        },
      });
    } catch (err) {
      reject(failure("unsupported", String(err)));
      return;
    }
    if (!moduleWorkers) {
      worker.terminate();
      reject(failure("unsupported", "no module workers"));
      return;
    }
    let timer = 0;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => reject(failure("stalled", "stalled")), STALL_MS);
    };
    watch();
    worker.onerror = (event) => {
      clearTimeout(timer);
      // worker.js itself did not load: offline, or a browser that cannot run it
      reject(failure(navigator.onLine === false ? "network" : "engine", event.message || "worker error"));
    };
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === "progress") {
        watch();
        for (const listener of listeners) listener(msg);
      } else if (msg.type === "ready") {
        clearTimeout(timer);
        widget.dataset.boot = msg.boot || ""; // "snapshot" | "scratch" (for tests and the benchmark)
        resolve(msg.ms);
      } else if (msg.type === "failed") {
        clearTimeout(timer);
        reject(failure(msg.kind || "engine", msg.detail, msg.done, msg.total));
      } else if (msg.type === "result" && pending.has(msg.id)) {
        pending.get(msg.id)(msg);
        pending.delete(msg.id);
      }
    };
    const abs = (path) => new URL(path, document.baseURI).href;
    worker.postMessage({
      type: "init",
      pyodide: abs(widget.dataset.pyodide),
      wheel: abs(widget.dataset.wheel),
      render: abs(widget.dataset.render),
      lock: JSON.parse(widget.dataset.lock || "null"),
      sizes: sizesOf(widget),
    });
  });
  ready.catch(() => {}); // failures are shown per widget
  engine = {
    ready,
    /** Drop a failed engine so the next boot starts a fresh worker (the page stays as it is). */
    discard() {
      if (worker) worker.terminate();
      if (engine && engine.ready === ready) engine = null;
    },
    compute(mode, inputs, lang) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: "compute", id, mode, inputs, lang });
      });
    },
  };
  return engine;
}

function copyBySelection(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "calc-offscreen";
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

function readInputs(form) {
  const inputs = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") inputs[el.name] = el.checked ? "true" : "false";
    else if (el.value.trim() !== "") inputs[el.name] = el.value;
  }
  return inputs;
}

function writeInputs(form, params) {
  for (const el of form.elements) {
    if (!el.name) continue;
    const value = params.get(el.name);
    if (el.type === "checkbox") {
      if (value !== null) el.checked = value === "true"; // a shared link always carries them
    }
    else el.value = value ?? "";
    if (value && el.closest("details")) el.closest("details").open = true;
  }
  form.dispatchEvent(new Event("calc:restored"));
}

/** The URL fragment that restores this widget: #calc=<id>&name=value&... (never sent to a server). */
function fragmentFor(widget, inputs) {
  const params = new URLSearchParams({ calc: widget.id, ...inputs });
  return "#" + params.toString();
}

function fragmentParams() {
  const params = new URLSearchParams(location.hash.slice(1));
  return params.has("calc") ? params : null;
}

/** This page's address with a fragment that restores ``inputs`` (made only when the reader asks). */
function shareURL(widget, inputs) {
  return location.href.split("#")[0] + fragmentFor(widget, inputs);
}

/** Copy ``text``: the Clipboard API, else a selected textarea (older browsers, permission refused). */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyBySelection(text);
  }
}

/** The answer a reader looks for, brought on screen (instantly when they asked for less motion).
 * Focus moves to the result too: on a phone that closes the keyboard, which would cover it. */
function reveal(output) {
  const target = output.querySelector(".calc-answer, .calc-error, .calc-summary") || output;
  const calm = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
  output.focus({ preventScroll: true });
  target.scrollIntoView({ block: "start", behavior: calm ? "auto" : "smooth" });
}

/** Show the "swipe for more columns" cue above each table that is wider than its box. */
function markWideTables(output) {
  for (const wrap of output.querySelectorAll(".calc-table-wrap")) {
    const cue = wrap.previousElementSibling;
    if (cue && cue.classList.contains("calc-scroll-cue")) cue.hidden = wrap.scrollWidth <= wrap.clientWidth + 1;
  }
}

// Inputs carried to the other language's page (see keepInputsAcrossLanguages): read once per page.
const CARRY_KEY = "calc-carry";
const CARRY_MS = 60000;
let carried = null;

function takeCarried() {
  if (carried !== null) return carried;
  carried = {};
  try {
    const saved = JSON.parse(sessionStorage.getItem(CARRY_KEY) || "null");
    sessionStorage.removeItem(CARRY_KEY);
    if (saved && Date.now() - saved.at < CARRY_MS) carried = saved.widgets || {};
  } catch {
    // storage refused (private mode): the other page starts from its defaults
  }
  return carried;
}

function initWidget(widget) {
  if (widget.dataset.calcInit) return;
  widget.dataset.calcInit = "1";
  widget.classList.remove("calc-nojs");
  const form = widget.querySelector(".calc-form");
  const output = widget.querySelector(".calc-output");
  const status = widget.querySelector(".calc-status span");
  const progress = widget.querySelector(".calc-status progress");
  const copyButton = widget.querySelector(".calc-copy");
  const shareButton = widget.querySelector(".calc-share");
  output.tabIndex = -1; // focusable by script (reveal), not a tab stop
  initRows(form);
  fillToday(form, fragmentParams()?.get("calc") === widget.id);
  const msg = (key) => widget.dataset["msg" + key[0].toUpperCase() + key.slice(1)] || "";
  let state = "idle"; // idle | loading | ready | failed
  widget.dataset.engine = state;
  let timer = 0;
  let shownInputs = null; // the inputs of the result on screen: what "copy" and "share" link to

  const setState = (value) => {
    state = value;
    widget.dataset.engine = value; // idle | loading | ready | failed (for styles and tests)
  };
  const setStatus = (text, busy) => {
    status.textContent = text;
    progress.hidden = !busy;
    output.setAttribute("aria-busy", busy ? "true" : "false");
  };

  // The worked example gives way as soon as the reader types: a line says where their result will
  // appear. It comes back only if the engine cannot start (the failure lines point to it).
  const pendingLine = document.createElement("p");
  pendingLine.className = "calc-pending";
  pendingLine.textContent = msg("pending");
  const markEdited = () => {
    widget.dataset.edited = "1";
    if (output.dataset.state === "example" && !pendingLine.isConnected) output.prepend(pendingLine);
  };
  markWideTables(output);

  const markField = (field) => {
    for (const el of form.elements) {
      if (!el.name) continue;
      const bad = field && el.name === field;
      el.toggleAttribute("aria-invalid", Boolean(bad));
      if (bad) el.setAttribute("aria-invalid", "true");
      if (bad && el.closest("details")) el.closest("details").open = true;
    }
  };

  const retryButton = widget.querySelector(".calc-retry");
  const onProgress = (p) => showProgress(p, progress, (text) => setStatus(text, true), msg);
  const boot = () => {
    if (state !== "idle") return engine ? engine.ready : Promise.reject();
    setState("loading");
    setStatus(msg("loading"), true);
    const eng = startEngine(widget);
    listeners.add(onProgress);
    eng.ready.then(
      () => {
        listeners.delete(onProgress);
        setState("ready");
        setStatus(msg("ready"), false);
      },
      (err) => {
        listeners.delete(onProgress);
        setState("failed");
        delete widget.dataset.edited; // the example is back: the failure lines point to it
        pendingLine.remove();
        const kind = (err && err.kind) || "engine";
        widget.dataset.failure = kind; // unsupported | network | stalled | integrity | stale | engine
        // Which file and why (the worker's words, e.g. "pyodide.asm.wasm: HTTP 503"): never shown,
        // kept for a maintainer reading a bug report or a failed test.
        widget.dataset.failureDetail = String((err && err.message) || kind).slice(0, 300);
        widget.classList.add("calc-failed");
        if (kind === "unsupported") {
          setStatus(msg("failed"), false); // the only failure that is the browser's
          return;
        }
        // Anything else gets its own honest line and a way out: retry, or reload for a new version.
        eng.discard();
        setStatus(fill(msg(kind) || msg("engine"), err.done, err.total || sizesOf(widget).total), false);
        if (retryButton) {
          retryButton.textContent = msg(kind === "stale" ? "reload" : "retry") || retryButton.textContent;
          retryButton.hidden = false;
        }
      },
    );
    return eng.ready;
  };
  if (retryButton) {
    retryButton.addEventListener("click", () => {
      if (widget.dataset.failure === "stale") {
        location.reload(); // the page itself is out of date: only a new copy of it can work
        return;
      }
      retryButton.hidden = true;
      widget.classList.remove("calc-failed");
      delete widget.dataset.failure;
      delete widget.dataset.failureDetail;
      setState("idle");
      compute({ reveal: false });
    });
  }
  setupSave(widget, msg, (text) => setStatus(text, false));

  // One computation in flight at a time: edits made meanwhile are coalesced into one more, sent
  // when it returns, so fast typing never queues stale work in the worker. Computing never touches
  // the address bar or history: the figures reach the URL only through "copy" or "share".
  // data-pending and data-seq let tests and the benchmark wait for results; data-timing says
  // where the time of the last one went.
  let running = false;
  let again = false;
  let wantReveal = false;
  const compute = async ({ reveal: show }) => {
    wantReveal = wantReveal || show;
    if (running) {
      again = true;
      return;
    }
    running = true;
    widget.dataset.pending = "1";
    try {
      for (;;) {
        again = false;
        await boot();
        const inputs = readInputs(form);
        const sent = performance.now();
        const result = await engine.compute(widget.dataset.mode, inputs, widget.dataset.lang);
        const back = performance.now();
        if (again) continue; // a newer edit arrived: skip drawing this one
        if (result.notReady) break;
        if (result.crash) {
          setStatus(msg("engine"), false); // WebAssembly ran: not the browser's fault
          break;
        }
        pendingLine.remove();
        output.innerHTML = result.html;
        output.dataset.state = result.ok ? "result" : "error";
        output.dataset.copy = result.text;
        output.dataset.ms = String(result.ms);
        shownInputs = inputs;
        markField(result.ok ? null : result.field);
        markWideTables(output);
        // The live region announces one line, not the whole table: the headline figure, or the error.
        setStatus(result.ok ? `${msg("updated")}${msg("colon")}${headline(output)}` : errorLine(output, msg("colon")), false);
        if (wantReveal) reveal(output);
        wantReveal = false;
        const drawn = performance.now();
        output.dataset.timing = JSON.stringify({
          python: result.ms, messages: back - sent - result.ms, dom: drawn - back,
        });
        output.dataset.seq = String(Number(output.dataset.seq || 0) + 1);
        if (!again) break;
      }
    } catch {
      // the engine could not start: boot() already shows the bilingual message
    } finally {
      running = false;
      widget.dataset.pending = "0";
    }
  };

  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => compute({ reveal: false }), DEBOUNCE_MS);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    compute({ reveal: true });
  });
  const edited = () => {
    markEdited();
    touched.add(widget);
    // A shared link's figures no longer match the form: take them out of the address bar.
    if (fragmentParams()?.get("calc") === widget.id) history.replaceState(history.state, "", location.href.split("#")[0]);
    soon();
  };
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  // Focus on a field or button is intent to calculate; on "Save for offline use" it is not.
  form.addEventListener("focusin", (event) => {
    if (!event.target.closest(".calc-save") && state === "idle") boot().catch(() => {});
  });

  /** The reader asked for a link: only now do the figures go into the address bar. */
  const linkNow = () => {
    const url = shareURL(widget, shownInputs || readInputs(form));
    // data-share="off" (the plan page): the link goes to the clipboard or share sheet, never into history.
    if (widget.dataset.share !== "off") history.replaceState(history.state, "", url);
    return url;
  };
  copyButton.addEventListener("click", async () => {
    const mine = output.dataset.state === "result";
    const text = mine ? `${output.dataset.copy}\n${linkNow()}` : output.dataset.copy;
    setStatus(msg((await copyText(text)) ? "copied" : "copy_failed"), false);
  });
  shareButton?.addEventListener("click", async () => {
    const url = linkNow();
    if (typeof navigator.share === "function") {
      try {
        await navigator.share({ title: document.title, text: headline(output), url });
        setStatus(msg("shared"), false);
      } catch {
        // the reader closed the share sheet: nothing to say
      }
      return;
    }
    setStatus(msg((await copyText(url)) ? "link_copied" : "share_failed"), false);
  });

  const shared = fragmentParams();
  const carry = takeCarried()[widget.id];
  if (shared && shared.get("calc") === widget.id) {
    writeInputs(form, shared);
    markEdited();
    touched.add(widget);
    widget.querySelector(".calc-status").scrollIntoView({ block: "start" });
    compute({ reveal: true });
  } else if (carry) {
    writeInputs(form, new URLSearchParams(carry));
    markEdited();
    touched.add(widget);
    compute({ reveal: false });
  }
}

/** "12.3" MB (10^6 bytes, one decimal), as the page's download line states sizes. */
function mb(bytes) {
  return (Math.max(0, bytes || 0) / 1e6).toFixed(1);
}

function fill(text, done, total) {
  return text.replace("{done}", mb(done)).replace("{total}", mb(total));
}

/** Progress as bytes of the total: the bar and "downloaded X / Y MB". */
function showProgress(p, bar, say, msg) {
  if (p.stage === "download" && p.total) {
    bar.max = p.total;
    bar.value = p.done;
    say(fill(msg("progress"), p.done, p.total));
  } else if (p.stage === "starting") {
    bar.removeAttribute("value");
    say(msg("starting"));
  }
}

/** "Save for offline use": fetch every runtime file through the service worker, which keeps
 * what it fetches from /pyodide/ and /wheels/ (see sitebuild/offline). Shown only when a service
 * worker controls the page. */
function setupSave(widget, msg, say) {
  const button = widget.querySelector(".calc-save");
  if (!button || !("serviceWorker" in navigator)) return;
  const show = () => {
    button.hidden = !navigator.serviceWorker.controller;
  };
  show();
  navigator.serviceWorker.addEventListener("controllerchange", show);
  button.addEventListener("click", async () => {
    const abs = (path) => new URL(path, document.baseURI).href;
    const base = abs(widget.dataset.pyodide);
    const urls = Object.keys(sizesOf(widget).files || {}).map((name) =>
      name.endsWith(".whl") ? abs(widget.dataset.wheel)
        : name === "worker.js" ? new URL("worker.js", import.meta.url).href
          : name.endsWith(".py") ? abs(widget.dataset.render)
            : base + name);
    button.disabled = true;
    say(msg("saving"));
    try {
      for (const url of urls) {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        await response.arrayBuffer();
      }
      widget.dataset.saved = "1";
      say(msg("saved_offline"));
    } catch {
      say(msg("save_failed"));
    } finally {
      button.disabled = false;
    }
  });
}

/** "Total due 20,603.38 yuan": the row a reader looks for first, else the first row. */
const HEADLINE_KEYS = ["total_due", "payoff_amount", "total_costs", "first_payment", "apr"];
function headline(output) {
  const rows = [...output.querySelectorAll(".calc-summary tr")];
  const row = HEADLINE_KEYS.map((k) => rows.find((r) => r.dataset.key === k)).find(Boolean) || rows[0];
  return row ? `${row.querySelector("th").textContent} ${row.querySelector("td").textContent}` : "";
}

/** "Please check the input: <message in the page's language>" (the box shows both languages). */
function errorLine(output, colon) {
  const box = output.querySelector(".calc-error");
  return box ? `${box.querySelector("strong").textContent}${colon}${box.querySelector("p[lang]").textContent}` : "";
}

/** Today's date (the reader's local calendar) as YYYY-MM-DD. */
function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Date fields marked data-default="today" start at today, unless a shared link sets them. */
function fillToday(form, fromLink) {
  if (fromLink) return;
  for (const el of form.querySelectorAll('input[data-default="today"]')) el.value = localToday();
}

/**
 * Repayments as rows (date + amount) with add/remove buttons. The rows have no name: each edit
 * writes "date,amount" lines into the field's hidden textarea, which is what the form, the
 * shared link and the package read; a restored link rebuilds the rows from it.
 */
function initRows(form) {
  for (const field of form.querySelectorAll(".calc-rows-field")) {
    const store = field.querySelector("textarea");
    const list = field.querySelector(".calc-rows");
    const template = field.querySelector(".calc-row-template");
    const addRow = (when = "", amount = "") => {
      const row = template.content.firstElementChild.cloneNode(true);
      row.querySelector('[data-part="date"]').value = when;
      row.querySelector('[data-part="amount"]').value = amount;
      list.append(row);
      return row;
    };
    const save = () => {
      const lines = [...list.querySelectorAll(".calc-row")].map((row) => {
        const when = row.querySelector('[data-part="date"]').value.trim();
        const amount = row.querySelector('[data-part="amount"]').value.trim();
        return when || amount ? `${when},${amount}` : "";
      });
      store.value = lines.filter(Boolean).join("\n");
    };
    const load = () => {
      list.replaceChildren();
      for (const line of store.value.split("\n")) {
        if (!line.trim()) continue;
        const [when, ...rest] = line.split(",");
        addRow(when.trim(), rest.join(",").trim());
      }
    };
    // Row edits fire input/change on the form too: update the store first (capture phase).
    form.addEventListener("input", save, true);
    form.addEventListener("change", save, true);
    form.addEventListener("calc:restored", load);
    field.querySelector(".calc-add-row").addEventListener("click", () => {
      addRow().querySelector("input").focus();
    });
    list.addEventListener("click", (event) => {
      const button = event.target.closest(".calc-remove-row");
      if (!button) return;
      button.closest(".calc-row").remove();
      save();
      form.dispatchEvent(new Event("change"));
      field.querySelector(".calc-add-row").focus();
    });
    save();
  }
}

const touched = new Set(); // widgets the reader typed into (or opened from a link) on this page

/** The language switcher keeps a calculator's inputs, typed or computed, through sessionStorage
 * (this tab only, read once by the other page): never through the URL, so history holds no figures. */
function keepInputsAcrossLanguages() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[hreflang].md-select__link");
    if (!link) return;
    const widgets = {};
    for (const widget of touched) {
      if (!widget.isConnected) continue;
      widgets[widget.id] = readInputs(widget.querySelector(".calc-form"));
    }
    if (!Object.keys(widgets).length) return;
    try {
      sessionStorage.setItem(CARRY_KEY, JSON.stringify({ at: Date.now(), widgets }));
    } catch {
      // storage refused: the other page starts from its defaults
    }
  }, true);
}
keepInputsAcrossLanguages();

function initAll() {
  carried = null; // a page swapped in by instant navigation reads what the last one carried
  document.querySelectorAll(".calc-widget[data-calc-widget]").forEach(initWidget);
}

// Material's instant navigation swaps pages without reloading: it announces each new page on
// its document$ observable. Without it, the module simply runs after the page is parsed.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(initAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", initAll);
} else {
  initAll();
}
