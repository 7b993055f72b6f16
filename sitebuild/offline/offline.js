// Registers the site's service worker (site/sw.js, scope: the site root) and tells it which
// edition this page belongs to, so it keeps every page of that edition for offline reading.
// Self-hosted and loaded with <script src> on every page by sitebuild/offline/build.py (no inline script).
// When the edition is cached, <html data-offline="zh"> (or "en") is set.
//
// The precache (about 1 MB) must never share a slow link with a download the reader is waiting
// for: on a phone it made the calculator's first result 5-7 s later. So the edition is sent only
// once the page has loaded and the browser is idle (on a page with a calculator, 5 s more: time
// for the reader's tap), and no calculator engine is loading (the widget's data-engine="loading";
// ready, failed or still idle = no wait). While an engine loads, the page
// also tells the worker it is busy, which pauses a precache already under way (sitebuild/offline/sw.js).
(() => {
  const INTENT_GRACE_MS = 5000;
  const me = document.currentScript;
  if (!me || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  const root = new URL(me.getAttribute("src"), location.href);
  const scope = new URL("./", root);
  const edition = me.dataset.edition;
  navigator.serviceWorker.addEventListener("message", (event) => {
    const msg = event.data || {};
    if (msg.type === "cached") document.documentElement.dataset.offline = msg.edition;
  });
  navigator.serviceWorker.register(new URL("sw.js", scope).href, { scope: scope.pathname }).catch(() => {});

  const afterLoadAndIdle = (then) => {
    const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(then, { timeout: 5000 }) : setTimeout(then, 0));
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  };

  navigator.serviceWorker.ready.then((registration) => {
    const tell = (msg) => {
      if (registration.active) registration.active.postMessage(msg);
    };
    let busy = false; // an engine on this page is loading (what the worker was last told)
    let settled = false; // loaded and idle
    let sent = false;
    const update = () => {
      const loading = Boolean(document.querySelector('[data-engine="loading"]'));
      if (loading !== busy) {
        busy = loading;
        tell({ type: "busy", busy });
      }
      if (settled && !busy && !sent) {
        sent = true;
        tell({ type: "edition", edition });
      }
    };
    // data-engine changes on the widget; instant navigation swaps widgets in: watch the whole document
    new MutationObserver(update).observe(document.documentElement, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["data-engine"],
    });
    update();
    const settle = () => {
      settled = true;
      update();
    };
    // A reader who opens the calculator came to use it: give the tap a moment before the precache
    // starts (once it has started, a tap still pauses it, but requests already sent go on).
    afterLoadAndIdle(() => (document.querySelector("[data-engine]") ? setTimeout(settle, INTENT_GRACE_MS) : settle()));
  });
})();
