"""Hostile pages against a real one, per byte, for each backend, in one run.

    PYTHONPATH=src python benchmarks/bench_hostile.py [--quick] [--json OUT]

**Tree shapes.** The yardstick is the largest CNN page of the corpus
(``newspaper4k__cnn_001.html``, 2.5 MB).  For each hostile shape the table gives the
parse time (the backend's ``text -> RawDocument``, best of a few runs), the cost per
byte over the CNN page's (the target of issue 12: at most 4) and over a *control*: the
same tags, as many of them, closed at once (so the control has the same tokens per byte
and no depth).  The second ratio is what the hostility itself costs; the first also
counts that a page made only of tags is far denser in tokens than a real one.

**Text parsers.** Every parser of text the page controls (robots values, ``rel``,
JSON-LD, headers, URLs) on its worst shapes at 100, 200 and 400 KB: the cost per byte
at 400 KB over that at 100 KB must stay near 1 (linear work).

Lexbor is parsed at smaller sizes for nested ``<div>``: its own tree construction
(in C) is super-linear there (see docs/performance.md), which this benchmark shows by
the growth between two sizes.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from backlinkkit._parse import get_backend
from backlinkkit.headers import normalize_headers
from backlinkkit.profiles import find_claimed_profiles
from backlinkkit.rel import parse_rel
from backlinkkit.robots import parse_robots
from backlinkkit.social import default_registry
from backlinkkit.urls import resolve_url

#: The corpus folder beside the repository (as tests/corpus.py finds it).
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
YARDSTICK = "newspaper4k__cnn_001.html"
KB = 1000


def best(function: Callable[[], object], repeat: int = 3) -> float:
    result = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        result = min(result, time.perf_counter() - start)
    return result


def repeat_to(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


# --- tree shapes ------------------------------------------------------------------------

#: (name, hostile unit, control unit): the control closes what the hostile unit leaves open.
SHAPES: list[tuple[str, str, str]] = [
    ("nested <div>", "<div>", "<div></div>"),
    ("nested <b><i>", "<b><i>", "<b></b><i></i>"),
    ("unclosed <a href>", "<a href=/x>x", "<a href=/x>x</a>"),
    ("nested <table><tr><td>", "<table><tr><td>", "<table><tr><td></table>"),
    ("<span> never closed", "<span>x", "<span>x</span>"),
]


def bench_tree(size: int, lexbor_size: int) -> list[dict[str, Any]]:
    cnn = (SHARED / "corpus" / "pages" / YARDSTICK).read_text(encoding="utf-8")
    backends = ["html5lib"]
    try:
        get_backend("lexbor")
        backends.append("lexbor")
    except Exception:  # the extra is optional
        pass
    rows = []
    print(f"\n## Tree shapes (yardstick {YARDSTICK}, {len(cnn) / 1e6:.1f} MB)\n")
    print("| backend | shape | KB | s | per byte / CNN | per byte / control |")
    print("|---|---|---:|---:|---:|---:|")
    for backend in backends:
        parse = get_backend(backend)
        yard = best(partial(parse, cnn)) / len(cnn)
        print(f"| {backend} | CNN page | {len(cnn) // KB} | {yard * len(cnn):.3f} | 1 | |")
        for name, unit, control in SHAPES:
            n = lexbor_size if backend == "lexbor" and name == "nested <div>" else size
            text = repeat_to(unit, n)
            # The control has as many units (the same tokens), closed.
            closed = control * (len(text) // len(unit))
            hostile_s = best(partial(parse, text))
            control_s = best(partial(parse, closed))
            row = {
                "backend": backend,
                "shape": name,
                "bytes": len(text),
                "seconds": hostile_s,
                "over_cnn": hostile_s / len(text) / yard,
                "over_control": (hostile_s / len(text)) / (control_s / len(closed)),
            }
            rows.append(row)
            print(
                f"| {backend} | {name} | {len(text) // KB} | {hostile_s:.3f} "
                f"| {row['over_cnn']:.1f} | {row['over_control']:.1f} |",
                flush=True,
            )
    if "lexbor" in backends:
        parse = get_backend("lexbor")
        small, large = lexbor_size // 2, lexbor_size
        a = best(partial(parse, repeat_to("<div>", small)), 1)
        b = best(partial(parse, repeat_to("<div>", large)), 1)
        print(
            f"\nLexbor, nested <div>: {small // KB} KB {a:.3f} s, {large // KB} KB {b:.3f} s "
            f"(x{b / a:.1f} for twice the input)"
        )
        rows.append({"backend": "lexbor", "shape": "nested <div> growth x2", "ratio": b / a})
    return rows


# --- text parsers -----------------------------------------------------------------------

_REGISTRY = default_registry()


def _json_ld(block: str) -> object:
    return find_claimed_profiles([block], [], [], _REGISTRY, base_url="https://e.com/")


#: (parser, shape, build(size) -> input, run(input)).
TEXT: list[tuple[str, str, Callable[[int], Any], Callable[[Any], object]]] = [
    (
        "robots header",
        "unavailable_after: 1, 1, 1, ...",
        lambda n: "unavailable_after: " + repeat_to("1, ", n),
        lambda v: parse_robots(headers={"X-Robots-Tag": v}),
    ),
    (
        "robots meta",
        "unavailable_after: 1, 1, 1, ...",
        lambda n: "unavailable_after: " + repeat_to("1, ", n),
        lambda v: parse_robots(metas=[("robots", v)]),
    ),
    (
        "robots header",
        "googlebot: noindex, bingbot: ... (prefixes)",
        lambda n: repeat_to("googlebot: noindex, ", n),
        lambda v: parse_robots(headers={"X-Robots-Tag": v}),
    ),
    (
        "robots header",
        "max-snippet: 1, ... (values)",
        lambda n: repeat_to("max-snippet: 1, ", n),
        lambda v: parse_robots(headers={"X-Robots-Tag": v}),
    ),
    ("rel", "distinct tokens", lambda n: " ".join(f"t{i}" for i in range(n // 7)), parse_rel),
    ("rel", "look-alikes no-follow", lambda n: repeat_to("no-follow ", n), parse_rel),
    ("rel", "stray characters", lambda n: " ".join(f'"x{i}"' for i in range(n // 9)), parse_rel),
    ("rel", "commas", lambda n: repeat_to("nofollow,", n), parse_rel),
    ("rel", "one token", lambda n: "a" * n, parse_rel),
    (
        "JSON-LD",
        "sameAs list",
        lambda n: json.dumps(
            {"@type": "Person", "sameAs": [f"https://x.com/u{i}" for i in range(n // 26)]}
        ),
        _json_ld,
    ),
    (
        "JSON-LD",
        "many nodes",
        lambda n: json.dumps({"@graph": [{"@type": "Thing", "a": i} for i in range(n // 28)]}),
        _json_ld,
    ),
    ("JSON-LD", "deep arrays", lambda n: "[" * (n // 2) + "]" * (n // 2), _json_ld),
    (
        "headers",
        "many X-Robots-Tag fields",
        lambda n: [("X-Robots-Tag", "noindex")] * (n // 20),
        lambda v: parse_robots(headers=v),
    ),
    ("headers", "one long value", lambda n: {"Link": "a" * n}, normalize_headers),
    (
        "URL",
        "long path of ../",
        lambda n: repeat_to("../a/", n),
        lambda v: resolve_url(v, "https://e.com/x/y/z"),
    ),
    (
        "URL",
        "non-ASCII query (windows-1252)",
        lambda n: "?q=" + repeat_to("\u00e9", n),
        lambda v: resolve_url(v, "https://e.com/", "windows-1252"),
    ),
    (
        "URL",
        "percent escapes",
        lambda n: "/" + repeat_to("%41%zz", n),
        lambda v: resolve_url(v, "https://e.com/"),
    ),
]

SIZES = (100 * KB, 200 * KB, 400 * KB)


def bench_text() -> list[dict[str, Any]]:
    print("\n## Text parsers (per-byte cost at 400 KB over 100 KB: near 1 is linear)\n")
    print("| parser | shape | 100 KB s | 200 KB s | 400 KB s | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    rows = []
    for parser, shape, build, run in TEXT:
        values = [build(size) for size in SIZES]
        run(values[0])  # warm up
        times = [best(partial(run, v)) for v in values]
        ratio = (times[2] / SIZES[2]) / max(times[0] / SIZES[0], 1e-12)
        rows.append({"parser": parser, "shape": shape, "seconds": times, "ratio": ratio})
        print(
            f"| {parser} | {shape} | "
            + " | ".join(f"{t:.4f}" for t in times)
            + f" | {ratio:.2f} |",
            flush=True,
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 KB tree shapes (else 1 MB)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    size = 200 * KB if args.quick else 1000 * KB
    results = {"tree": bench_tree(size, 100 * KB), "text": bench_text()}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
