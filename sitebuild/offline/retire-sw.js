// Retirement service worker: the kill switch for when the guide moves or closes (dev/offline.md).
// Serve this file as /sw.js in place of the generated one (never a 404: a 404 leaves the old worker
// in control and serving old pages offline forever). Browsers fetch /sw.js on the next visit (at
// most a day later for any open page); this worker then takes over, deletes every cache the guide
// made (weilidai-* and the calculator's snapshot) and unregisters itself; from the next
// navigation on, pages come straight from the network.
self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("weilidai-") || name === "calculator-snapshot") await caches.delete(name);
    }
    await self.registration.unregister();
    // Open pages are not reloaded: a page that still loads offline.js registers this file again,
    // and a reload would loop. Their next navigation goes to the network.
  })());
});
