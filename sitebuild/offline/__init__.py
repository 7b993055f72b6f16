"""Offline reading: ``build`` writes the service worker, its page script and the web manifests into
site/ (``python -m sitebuild.offline.build``); ``sw.js``, ``offline.js`` and ``retire-sw.js`` beside
it are the browser-side sources it fills in."""
