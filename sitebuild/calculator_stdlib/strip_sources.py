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


#: Nodes whose first statement is their docstring; and what a block of statements can hold.
_DOC_OWNERS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
_BLOCK_ITEMS = (ast.stmt, ast.excepthandler, ast.match_case)


def _docstring_nodes(tree: ast.AST) -> list[ast.Expr]:
    """Every docstring statement. Only statement blocks are walked (``body``, ``orelse``, handlers,
    match cases): a ``def`` or ``class`` cannot sit inside an expression, and skipping expressions
    makes this several times cheaper than ``ast.walk`` in Pyodide's interpreter."""
    found = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, _DOC_OWNERS) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.append(first)
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list) and value and isinstance(value[0], _BLOCK_ITEMS):
                stack.extend(value)
    return found


def _without_docstrings(tree: ast.AST, docstrings: list[ast.Expr]) -> ast.AST:
    """``tree`` with each of its ``docstrings`` statements turned into ``pass`` (in place): what a
    strip must parse to."""
    for node in docstrings:
        node.__class__ = ast.Pass  # type: ignore[assignment]
        del node.value
    return tree


def _same_tree(a: ast.AST, b: ast.AST) -> bool:
    """Equal fields all the way down, positions ignored: ``ast.compare`` (Python 3.14, as in Pyodide)
    or, on an older host, equal ``ast.dump``s (the same test, slower: it builds both texts)."""
    compare = getattr(ast, "compare", None)
    if compare is not None:
        return bool(compare(a, b))
    return ast.dump(a) == ast.dump(b)


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
    docstrings = [] if keep_docstrings else _docstring_nodes(tree)
    for node in docstrings:
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
    try:  # the source's own tree, parsed once above; its positions were read into ``cuts`` already
        same = _same_tree(ast.parse(stripped), _without_docstrings(tree, docstrings))
    except (SyntaxError, ValueError):
        same = False
    return stripped if same else source


def strip_member(name: str, source: bytes) -> bytes:
    """:func:`strip` for the zip member ``name`` (only ``.py`` files; docstrings per :data:`KEEP_DOCSTRINGS`)."""
    if not name.endswith(".py"):
        return source
    return strip(source, keep_docstrings=name.startswith(KEEP_DOCSTRINGS))
