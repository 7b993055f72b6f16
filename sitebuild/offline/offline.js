// Registers the site's service worker (site/sw.js, scope: the site root) and tells it which
// edition this page belongs to, so it keeps every page of that edition for offline reading.
// Self-hosted and loaded with <script src> on every page by sitebuild/offline/build.py (no inline script).
// When the edition is cached, <html data-offline="zh"> (or "en") is set.
(() => {
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
  navigator.serviceWorker.ready.then((registration) => {
    if (registration.active) registration.active.postMessage({ type: "edition", edition });
  });
})();
