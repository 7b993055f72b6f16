// Every place the calculator leans on Pyodide beyond its documented API, and the one place it
// replaces the worker's fetch. Kept apart so a Pyodide upgrade has one file to check: the upgrade
// checklist is in dev/offline.md, and tests/widget/test_pyodide_private.py runs each function below
// against node_modules/pyodide in node and fails loudly (naming the function) when one stops working.
// Tested with Pyodide 314.0.7.

/** loadPyodide options that restore a memory snapshot, or make one ready to be taken.
 * Private: _loadSnapshot / _makeSnapshot (underscored loadPyodide options). */
export function snapshotOptions(snapshot) {
  return snapshot ? { _loadSnapshot: snapshot } : { _makeSnapshot: true };
}

/** The heap as it is right after boot, as bytes to keep (Pyodide's makeMemorySnapshot, marked
 * experimental; only valid when loadPyodide got _makeSnapshot). */
export function takeSnapshot(py) {
  return py.makeMemorySnapshot();
}

/** Emscripten module hook (loadPyodide's createPyodideModule option, undocumented): Pyodide 314
 * sizes the heap for a snapshot with INITIAL_MEMORY, which this build does not read
 * (pyodide/pyodide#6254), so grow the heap here or restoring a larger heap throws. */
export function growForSnapshot(module, snapshot) {
  if (snapshot && module.HEAP8.length < snapshot.length) module.growMemory(snapshot.length);
  return module;
}

/** Pyodide keeps the snapshot's bytes in its private config after restoring: let them go (30 MB). */
export function releaseSnapshot(py) {
  if (py._api && py._api.config) py._api.config._loadSnapshot = null;
}

/** Replace the global fetch so that Pyodide's own fetches of the URLs in ``served`` (absolute URL ->
 * Promise<Response>) are answered once from what the worker already downloaded (the wasm as a
 * streaming Response, the standard library from memory); any other URL goes to the real fetch.
 * Returns the real fetch, which the worker uses for its own downloads. */
export function answerFetchesFrom(served) {
  const real = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input, init) => {
    const target = String(input instanceof Request ? input.url : input);
    const response = served.get(target);
    if (!response) return real(input, init);
    served.delete(target);
    return response;
  };
  return real;
}
