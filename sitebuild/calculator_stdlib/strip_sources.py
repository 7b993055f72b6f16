"""Comments and docstrings out of the standard-library sources the calculator ships.

Why: the reduced python_stdlib.zip is Python source, and about a third of its brotli bytes are
comments and docstrings no reader's browser ever shows. Dropping docstrings is what ``python -OO``
does (``__doc__`` is None), a mode the standard library is tested in. Pyodide's own packages
(``_pyodide``, ``pyodide``) keep their docstrings: they copy them onto JavaScript proxy types.

Every stripped file is checked: its syntax tree must equal the original's with each docstring
replaced by ``pass``; if not (or if it does not parse), the original bytes are kept. Line numbers
stay as they were, so a traceback points at the same line in both.

Runs inside Pyodide (strip_in_pyodide.mjs; the sources are Python 3.14); the syntax of this module
stays 3.11-compatible so the host's tests can exercise it on fixtures.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

#: Zip members (path prefixes) whose docstrings are used at run time.
KEEP_DOCSTRINGS = ("_pyodide/", "pyodide/")
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=]")


def _docstring_nodes(tree: ast.AST) -> list[ast.Expr]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.append(first)
    return found


def _without_docstrings(tree: ast.AST) -> str:
    """The tree's dump with every docstring statement replaced by ``pass``: what a strip must equal."""
    for node in _docstring_nodes(tree):
        node.__class__ = ast.Pass  # type: ignore[assignment]
        del node.value
    return ast.dump(tree)


def strip(source: bytes, keep_docstrings: bool = False) -> bytes:
    """``source`` without comments (and docstrings unless kept); the original if anything is doubtful."""
    try:
        tree = ast.parse(source)
        tokens = list(tokenize.tokenize(io.BytesIO(source).readline))
    except (SyntaxError, ValueError, tokenize.TokenError):
        return source
    lines = source.splitlines(keepends=True)
    # (start line, start byte col, end line, end byte col, replacement); ast columns are UTF-8 bytes.
    cuts: list[tuple[int, int, int, int, bytes]] = []
    if not keep_docstrings:
        for node in _docstring_nodes(tree):
            assert node.end_lineno is not None and node.end_col_offset is not None
            newlines = b"\n" * (node.end_lineno - node.lineno)
            cuts.append((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, b"pass" + newlines))
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        row, col = token.start
        line = lines[row - 1]
        start = len(line.decode("utf-8", "surrogateescape")[:col].encode("utf-8", "surrogateescape"))
        if row <= 2 and _CODING.match(line):
            continue  # an encoding declaration is a comment that changes how the file is read
        end = len(line.rstrip(b"\r\n"))
        cuts.append((row, start, row, end, b""))
    for first, start, last, end, text in sorted(cuts, reverse=True):
        head = lines[first - 1][:start]
        tail = lines[last - 1][end:]
        if not text:
            head = head.rstrip(b" \t")  # a comment: no blanks left before it (a comment-only line empties)
        lines[first - 1: last] = [head + text + tail] + [b""] * (last - first)
    stripped = b"".join(lines)
    try:
        same = ast.dump(ast.parse(stripped)) == (ast.dump(ast.parse(source)) if keep_docstrings
                                                 else _without_docstrings(ast.parse(source)))
    except (SyntaxError, ValueError):
        same = False
    return stripped if same else source


def strip_member(name: str, source: bytes) -> bytes:
    """:func:`strip` for the zip member ``name`` (only ``.py`` files; docstrings per :data:`KEEP_DOCSTRINGS`)."""
    if not name.endswith(".py"):
        return source
    return strip(source, keep_docstrings=name.startswith(KEEP_DOCSTRINGS))
