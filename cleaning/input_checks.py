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
    utf16 = _utf16_without_bom(data)
    if utf16:
        raise BadInput(
            f"文件看起来是没有 BOM 的 {utf16} 编码，请先转成 UTF-8（iconv -f {utf16} -t UTF-8 原文件 > "
            f"新文件）：{name}",
            f"the file looks like {utf16} without a byte-order mark; convert it to UTF-8 first "
            f"(iconv -f {utf16} -t UTF-8 old > new): {name}",
        )
    if b"\x00" in data:
        raise BadInput(
            f"看起来是二进制文件（含 NUL 字节），不是文本：{name}",
            f"this looks like a binary file (it contains NUL bytes), not text: {name}",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = likely_encoding(data)
        zh_hint = f"，看起来是 {guess} 编码" if guess else ""
        en_hint = f"; it looks like {guess}" if guess else ""
        conv = guess.split("/")[-1] if guess else "GB18030"
        raise BadInput(
            f"文件不是 UTF-8 编码（第 {exc.start} 字节）{zh_hint}。请先转成 UTF-8，例如："
            f"iconv -f {conv} -t UTF-8 原文件 > 新文件：{name}",
            f"the file is not UTF-8 (byte {exc.start}){en_hint}. Convert it first, e.g. "
            f"iconv -f {conv} -t UTF-8 old > new: {name}",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput(f"文件为空：{name}", f"the file is empty: {name}")
    return text


def _utf16_without_bom(data: bytes) -> str:
    """"UTF-16LE" or "UTF-16BE" when the bytes read as UTF-16 text without a BOM, else "".

    Chinese or ASCII text in UTF-16 has NUL bytes on one side of most code units (ASCII) or decodes
    to mostly CJK and ASCII; binary data does neither."""
    if len(data) < 4 or len(data) % 2:
        return ""
    sample = data[:20_000]
    sample = sample[: len(sample) - len(sample) % 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        cjk_or_ascii = sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
                           or " " <= ch <= "~" or ch in "\n\r\t")
        if text and readable / len(text) > 0.95 and cjk_or_ascii / len(text) > 0.9:
            return codec.upper().replace("UTF-16-", "UTF-16")
    return ""


def likely_encoding(data: bytes) -> str:
    """The most likely legacy Chinese encoding of non-UTF-8 bytes, by charset-normalizer's guess
    among GB18030 and Big5 ("" when neither fits)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5"]).best()
    if best is None:
        return ""
    return {"gb18030": "GBK/GB18030", "big5": "Big5"}.get(best.encoding, best.encoding)
