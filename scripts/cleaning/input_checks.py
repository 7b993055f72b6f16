"""Read a raw source safely: bytes in, validated text out. Never opens a raw file for writing."""

from __future__ import annotations

from pathlib import Path

from .errors import BadInput


def read_raw(path: Path) -> bytes:
    """Read the raw bytes of ``path`` (read-only), rejecting missing paths and folders."""
    if not path.exists():
        raise BadInput(f"找不到文件：{path}", f"file not found: {path}")
    if not path.is_file():
        raise BadInput(f"不是普通文件：{path}", f"not a regular file: {path}")
    return path.read_bytes()


def decode_raw(data: bytes, name: str) -> str:
    """Return the text of a raw source, or raise ``BadInput`` for empty, binary or non-UTF-8 data."""
    if not data.strip():
        raise BadInput(f"文件为空：{name}", f"the file is empty: {name}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(
            f"文件是 UTF-16 编码，请先转成 UTF-8（iconv -f UTF-16 -t UTF-8）：{name}",
            f"the file is UTF-16; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8): {name}",
        )
    if b"\x00" in data:
        raise BadInput(
            f"看起来是二进制文件（含 NUL 字节），不是文本：{name}",
            f"this looks like a binary file (it contains NUL bytes), not text: {name}",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = ""
        try:
            data.decode("gb18030")
            guess = "GBK/GB18030"
        except UnicodeDecodeError:
            pass
        zh_hint = f"，看起来是 {guess} 编码" if guess else ""
        en_hint = f"; it looks like {guess}" if guess else ""
        raise BadInput(
            f"文件不是 UTF-8 编码（第 {exc.start} 字节）{zh_hint}。请先转成 UTF-8，例如："
            f"iconv -f GB18030 -t UTF-8 原文件 > 新文件：{name}",
            f"the file is not UTF-8 (byte {exc.start}){en_hint}. Convert it first, e.g. "
            f"iconv -f GB18030 -t UTF-8 old > new: {name}",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput(f"文件为空：{name}", f"the file is empty: {name}")
    return text
