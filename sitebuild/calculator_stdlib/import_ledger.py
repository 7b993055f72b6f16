"""Which standard-library modules the calculator itself needs, told apart from the test harness's.

Runs inside Pyodide (see run_in_pyodide.mjs). The reduced python_stdlib.zip ships what the worker's
boot, every calculator mode and the package's unit tests make *the package* import, not what
``unittest`` (or a test file) imports for itself: argparse, difflib, pprint and the rest of the
harness are ~100 kB of brotli a reader would download for nothing.

How an import is attributed: :class:`ImportLedger` wraps ``builtins.__import__`` (every ``import``
statement goes through it, even one that finds the module already loaded) and sits first on
``sys.meta_path`` (every module loaded for the first time is looked for there, also through
``importlib.import_module``, as sysconfig loads its data), and walks the Python stack outwards
from the importing frame, skipping standard-library frames. The first frame that is not standard
library decides: test files and the harness driver mean "harness", anything else
(the calculators package, the renderer, the worker's boot code, or no such frame) means "package".
So ``decimal`` imported by calculators/money.py is the package's, even when a test file happened to
import it first. A module the package needs also needs what *its* body imported while it was being
initialised (recorded as edges, whoever triggered that first import); imports a standard-library
function makes later, at call time, are attributed by the stack like any other.

Syntax stays 3.11-compatible so the host's linters and tests can import it; it runs on Pyodide's 3.14.
"""

from __future__ import annotations

import builtins
import importlib.util
import sys
from collections.abc import Iterable
from types import FrameType, ModuleType
from typing import Any

PACKAGE = "package"
HARNESS = "harness"


class ImportLedger:
    """Records every import with its cause; :meth:`needed_files` gives the zip members to ship."""

    def __init__(self, stdlib_prefixes: Iterable[str], harness_prefixes: Iterable[str]) -> None:
        #: Paths of standard-library files (the zip(s) on sys.path, frozen importlib): transparent.
        self.stdlib_prefixes = tuple(stdlib_prefixes) + ("<frozen ",)
        #: Paths of harness code (test files, the driver, a harness-only zip): cause "harness".
        self.harness_prefixes = tuple(harness_prefixes)
        self.roots: set[str] = set()  # module names the package needs directly
        self.edges: dict[str, set[str]] = {}  # module -> modules its body imported while initialising
        self._real_import: Any = None

    def install(self, already_needed: Iterable[str] = ()) -> None:
        """Start recording; ``already_needed`` are modules loaded before (Pyodide's own boot)."""
        self.roots.update(already_needed)
        self._real_import = builtins.__import__
        builtins.__import__ = self._import
        sys.meta_path.insert(0, self)

    def uninstall(self) -> None:
        if self._real_import is not None:
            builtins.__import__ = self._real_import
            self._real_import = None
        if self in sys.meta_path:
            sys.meta_path.remove(self)

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        """Meta path hook: note a first load, find nothing (the real finders after this one do)."""
        try:
            frame = sys._getframe(1)
            while frame is not None and frame.f_code.co_filename.startswith("<frozen "):
                frame = frame.f_back
            self._record([fullname], frame.f_globals if frame is not None else {}, frame)
        except Exception:  # noqa: BLE001 - never break the import it watches
            pass
        return None

    def _import(self, name: str, globals: dict[str, Any] | None = None, locals: Any = None,
                fromlist: Any = (), level: int = 0) -> ModuleType:
        module = self._real_import(name, globals, locals, fromlist, level)
        try:
            self._note(name, globals or {}, fromlist or (), level, sys._getframe(1))
        except Exception:  # noqa: BLE001 - the ledger must never break the import it watches
            pass
        return module

    def _note(self, name: str, globals: dict[str, Any], fromlist: Any, level: int, frame: FrameType | None) -> None:
        target = _absolute(name, globals, level)
        if not target:
            return
        names = [".".join(target.split(".")[: i + 1]) for i in range(target.count(".") + 1)]
        names += [f"{target}.{item}" for item in fromlist if isinstance(item, str) and f"{target}.{item}" in sys.modules]
        self._record(names, globals, frame)

    def _record(self, names: list[str], globals: dict[str, Any], frame: FrameType | None) -> None:
        importer = globals.get("__name__")
        spec = globals.get("__spec__")
        if isinstance(importer, str) and getattr(spec, "_initializing", False):
            self.edges.setdefault(importer, set()).update(names)
        if self.cause(frame) == PACKAGE:
            self.roots.update(names)

    def cause(self, frame: FrameType | None) -> str:
        """PACKAGE or HARNESS: the first frame outwards that is neither the standard library nor this file."""
        while frame is not None:
            path = frame.f_code.co_filename
            if path != __file__ and not path.startswith(self.stdlib_prefixes):
                return HARNESS if path.startswith(self.harness_prefixes) else PACKAGE
            frame = frame.f_back
        return PACKAGE

    def needed_modules(self) -> set[str]:
        """The roots and everything their bodies imported, transitively; never harness code itself
        (the driver is imported from the boot code's frame, but what it imports is not needed)."""
        seen: set[str] = set()
        todo = list(self.roots)
        while todo:
            name = todo.pop()
            where = getattr(sys.modules.get(name), "__file__", None) or ""
            if name not in seen and not where.startswith(self.harness_prefixes):
                seen.add(name)
                todo.extend(self.edges.get(name, ()))
        return seen

    def needed_files(self, zip_prefix: str) -> list[str]:
        """Members (paths inside the zip at ``zip_prefix``) of the modules :meth:`needed_modules` names."""
        files = set()
        for name in self.needed_modules():
            where = getattr(sys.modules.get(name), "__file__", None) or ""
            if where.startswith(zip_prefix):
                files.add(where[len(zip_prefix):])
        return sorted(files)


def _absolute(name: str, globals: dict[str, Any], level: int) -> str:
    """The absolute module name of ``import`` ``name`` at relative ``level`` from the importing module."""
    if level == 0:
        return name
    module = str(globals.get("__name__", ""))
    package = globals.get("__package__") or (module if "__path__" in globals else module.rpartition(".")[0])
    return importlib.util.resolve_name("." * level + name, package)


def zip_modules(zip_prefix: str) -> set[str]:
    """Names of the modules now loaded from the zip at ``zip_prefix`` (Pyodide's boot, before install)."""
    return {name for name, module in list(sys.modules.items())
            if (getattr(module, "__file__", None) or "").startswith(zip_prefix)}
