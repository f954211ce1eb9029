"""Benchmark: ``decode_html`` against the parse, and the charset scan on hostile shapes.

Run ``python benchmarks/bench_encoding.py`` (optionally ``--rounds N``,
``--skip-corpus``).  On the real-page corpus (``../shared/corpus`` or
``$BACKLINKKIT_SHARED``) it times, per page, :func:`backlinkkit.decode_html`
(sniffing and decoding, as ``extract_links`` does for bytes) and
``html5lib.parse`` of the decoded text, and reports the totals, the ratio, and
the same for the largest page.  Then it times the ``<meta>`` charset scan alone
(``backlinkkit._charset_scan``) on shapes that keep the scan in the head and so
make it read every byte, at two sizes: seconds per MB, and the ratio between the
sizes (about 1 for a linear scan).  CPU time (``time.process_time``), best of
*rounds*.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

import html5lib

from backlinkkit import _charset_scan
from backlinkkit.encoding import decode_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.corpus import corpus_url, shared_dir

#: Shapes repeated to size; none declares a valid encoding and none leaves the head.
SHAPES: dict[str, bytes] = {
    "head tags": b'<link rel="stylesheet" href="/a.css"><meta name="x" content="y">',
    "bogus metas": b"<meta charset=bogus><meta http-equiv=content-type content='charset=no'>",
    "comments": b"<!-- a comment with <meta charset=utf-8> inside -->",
    "script": b"<script>var a = '<meta charset=utf-8>'; if (a < b) {}</script>",
    "script escapes": b"<script><!-- <script> x </script> --></script>",
    "open angles": b"<< <</ <! <? a<b ",
    "references": b"<meta charset='&amp;&#45;&notin;&bogus;&#x110000;'>",
    "dashes": b"<script><!--" + b"-" * 60 + b"-->",
}


def best(call: Callable[[], object], rounds: int) -> float:
    """Best CPU seconds of *rounds* calls."""
    result = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        call()
        result = min(result, time.process_time() - start)
    return result


def corpus(rounds: int) -> None:
    folder = shared_dir() / "corpus"
    if not (folder / "MANIFEST.tsv").is_file():
        print(f"corpus not found at {folder}; set BACKLINKKIT_SHARED", file=sys.stderr)
        return
    with open(folder / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    pages = [((folder / "pages" / r["file"]).read_bytes(), corpus_url(r), r["file"]) for r in rows]
    decode_total = parse_total = 0.0
    largest = max(pages, key=lambda page: len(page[0]))
    for data, url, _name in pages:
        decode_total += best(lambda: decode_html(data, None, url), rounds)  # noqa: B023
        text = decode_html(data, None, url)[0]
        parse_total += best(lambda: html5lib.parse(text), 1)  # noqa: B023
    size = sum(len(page[0]) for page in pages)
    print(f"corpus: {len(pages)} pages, {size / 1e6:.1f} MB")
    print(
        f"  decode_html {decode_total:7.3f} s   html5lib.parse {parse_total:7.3f} s"
        f"   decode/parse {decode_total / parse_total:.4f}"
    )
    data, url, name = largest
    decode = best(lambda: decode_html(data, None, url), rounds)
    text = decode_html(data, None, url)[0]
    parse = best(lambda: html5lib.parse(text), 1)
    print(f"largest page: {name} ({len(data) / 1e6:.2f} MB)")
    print(
        f"  decode_html {decode:7.4f} s   html5lib.parse {parse:7.3f} s"
        f"   decode/parse {decode / parse:.4f}"
    )


def shapes(rounds: int, size: int) -> None:
    print(f"charset scan, in the head throughout (CPU s per MB at {size // 1000} KB and x4):")
    for name, shape in SHAPES.items():
        small = shape * (size // len(shape))
        large = small * 4

        def scan(data: bytes) -> Callable[[], object]:
            return lambda: _charset_scan.meta_charset(data, lambda label: None)

        t_small = best(scan(small), rounds) / len(small) * 1e6
        t_large = best(scan(large), rounds) / len(large) * 1e6
        print(f"  {name:<15} {t_small:8.4f} {t_large:8.4f}   ratio {t_large / t_small:5.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3, help="timed passes; the best is kept")
    parser.add_argument("--size", type=int, default=250_000, help="bytes per hostile shape")
    parser.add_argument("--skip-corpus", action="store_true", help="only the hostile shapes")
    args = parser.parse_args(argv)
    if not args.skip_corpus:
        corpus(args.rounds)
    shapes(args.rounds, args.size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
