"""What pre-compression costs and saves, per file and per codec: CPU seconds and bytes.

Why: brotli 11 and gzip 9 of every text file and of Pyodide's wasm are the build's biggest CPU cost
after the PDFs. This prints the table the choices in ``sitebuild/compressed.py`` rest on: each
suffix's files, bytes and CPU per codec as the build runs them (brotli 11, gzip 9), the same files
at other settings (gzip 6; for the wasm brotli 10, 9 and 11 with a 16 MB window), the files whose content is in the site more
than once, and the reader's first-use download (the ``.br`` files the calculator fetches) with the
wasm at each brotli setting. Nothing is written; it compresses in this process, one file at a time
(CPU time of this process, ``time.process_time``).

    python -m sitebuild.compression_costs --site site [--top 12]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import brotli

from sitebuild import compressed, precompress


def _timed(make: Callable[[], bytes]) -> tuple[float, int]:
    start = time.process_time()
    size = len(make())
    return time.process_time() - start, size


def _gzip(data: bytes, level: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=level, fileobj=out, mtime=0) as f:
        f.write(data)
    return out.getvalue()


def _brotli(data: bytes, suffix: str, quality: int, lgwin: int = 22) -> bytes:
    return brotli.compress(data, mode=compressed._brotli_mode(suffix), quality=quality, lgwin=lgwin)


def file_costs(site: Path) -> list[dict[str, object]]:
    """One row per candidate file: its bytes and (CPU s, bytes) for each codec setting."""
    rows = []
    for path in sorted(precompress.candidates(site), key=lambda p: -p.stat().st_size):
        data = path.read_bytes()
        row: dict[str, object] = {"path": path.relative_to(site).as_posix(), "suffix": path.suffix,
                                  "bytes": len(data), "sha": hashlib.sha256(data).hexdigest()}
        row["br11"] = _timed(lambda: _brotli(data, path.suffix, 11))
        row["gz9"] = _timed(lambda: _gzip(data, 9))
        row["gz6"] = _timed(lambda: _gzip(data, 6))
        rows.append(row)
    return rows


def _fmt(cost: object) -> str:
    seconds, size = cost  # type: ignore[misc]
    return f"{seconds:6.2f} s {size:>10,}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--top", type=int, default=12, help="biggest files listed one by one")
    args = parser.parse_args(argv)
    rows = file_costs(args.site)

    print("| file | bytes | brotli 11: CPU, bytes | gzip 9: CPU, bytes | gzip 6: CPU, bytes |")
    print("|---|---:|---:|---:|---:|")
    for row in rows[: args.top]:
        print(f"| {row['path']} | {row['bytes']:,} | {_fmt(row['br11'])} | {_fmt(row['gz9'])} | {_fmt(row['gz6'])} |")
    by_suffix: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        by_suffix[str(row["suffix"])].append(row)
    print("\n| suffix | files | bytes | brotli 11: CPU, bytes | gzip 9: CPU, bytes | gzip 6: CPU, bytes |")
    print("|---|---:|---:|---:|---:|---:|")

    def total(group: list[dict[str, object]], key: str) -> tuple[float, int]:
        return (sum(r[key][0] for r in group), sum(r[key][1] for r in group))  # type: ignore[index]

    for suffix, group in sorted(by_suffix.items(), key=lambda kv: -total(kv[1], "br11")[0]):
        print(f"| {suffix} | {len(group)} | {sum(int(r['bytes']) for r in group):,} | {_fmt(total(group, 'br11'))} | "
              f"{_fmt(total(group, 'gz9'))} | {_fmt(total(group, 'gz6'))} |")
    print(f"| all | {len(rows)} | {sum(int(r['bytes']) for r in rows):,} | {_fmt(total(rows, 'br11'))} | "
          f"{_fmt(total(rows, 'gz9'))} | {_fmt(total(rows, 'gz6'))} |")

    seen: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        seen[str(row["sha"])].append(row)
    repeats = [group for group in seen.values() if len(group) > 1]
    wasted = [r for group in repeats for r in group[1:]]
    print(f"\ncontent in the site more than once: {len(repeats)} contents, {len(wasted)} extra copies; "
          f"compressing the copies again costs brotli {total(wasted, 'br11')[0]:.2f} s + gzip 9 "
          f"{total(wasted, 'gz9')[0]:.2f} s CPU")
    for group in sorted(repeats, key=lambda g: -float(g[0]["br11"][0]))[:5]:  # type: ignore[index]
        print(f"  {len(group)}× {group[0]['bytes']:,} B: " + ", ".join(str(r["path"]) for r in group[:3]))

    wasm = next((r for r in rows if r["suffix"] == ".wasm"), None)
    if wasm is not None:
        from sitebuild.before import runtime_manifest

        data = (args.site / str(wasm["path"])).read_bytes()
        first_use = int(__import__("json").loads(runtime_manifest.current().download)["total"])
        br11 = int(wasm["br11"][1])  # type: ignore[index]
        print(f"\nfirst-use download (the .br files the calculator fetches): {first_use:,} B with the wasm at brotli 11")
        for label, quality, lgwin in (("brotli 10", 10, 22), ("brotli 11, window 24", 11, 24), ("brotli 9", 9, 22)):
            seconds, size = _timed(lambda: _brotli(data, ".wasm", quality, lgwin))
            grown = first_use - br11 + size
            print(f"  wasm at {label}: {seconds:.2f} s CPU, {size:,} B (brotli 11: {wasm['br11'][0]:.2f} s, "  # type: ignore[index]
                  f"{br11:,} B); first-use download {grown:,} B ({100 * (grown - first_use) / first_use:+.2f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
