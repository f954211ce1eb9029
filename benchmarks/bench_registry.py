"""Benchmark: building the default social registry from the shipped ``platforms.json``.

Run ``python benchmarks/bench_registry.py`` (optionally ``--rounds N``).  What is
timed is what the first :func:`~backlinkkit.extract_links` of a process pays
for the registry: the body of :func:`~backlinkkit.social.default_registry`
(reading the package data and :meth:`SocialRegistry.from_json`), with
Python's regular-expression cache emptied before each round (so that every
pattern is compiled, as in a fresh process).  CPU time
(``time.process_time``), best of *rounds*, in this one process.

``--against DIR`` also loads another checkout's package (``DIR`` is its
``src/backlinkkit`` folder, for instance one made with ``git archive``) under
another name, and times the two alternately in the same process, so that a
before/after ratio is not skewed by other load on the machine.  (A checkout
from before the ``social`` package, whose loader names ``backlinkkit``, is
compared the other way round: put its ``src`` first on ``PYTHONPATH`` and pass
this one as ``--against``.)
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from pathlib import Path
from types import ModuleType

import backlinkkit.social


def load_package(folder: Path, name: str) -> ModuleType:
    """The package in *folder* imported as *name* (its imports are relative)."""
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"no package in {folder}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def build(social: ModuleType) -> tuple[float, int]:
    """CPU seconds of one cold build of *social*'s default registry, and its size."""
    re.purge()
    start = time.process_time()
    registry = social.default_registry.__wrapped__()  # the function behind its cache
    return time.process_time() - start, len(registry.platforms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=15, help="timed builds; the best is kept")
    parser.add_argument("--against", type=Path, help="another src/backlinkkit to compare with")
    args = parser.parse_args(argv)
    candidates: dict[str, ModuleType] = {"this checkout": backlinkkit.social}
    if args.against is not None:
        other = load_package(args.against.resolve(), "backlinkkit_against")
        candidates[f"{args.against}"] = importlib.import_module(f"{other.__name__}.social")
    best = dict.fromkeys(candidates, float("inf"))
    sizes: dict[str, int] = {}
    for _ in range(args.rounds):
        for label, social in candidates.items():
            seconds, sizes[label] = build(social)
            best[label] = min(best[label], seconds)
    for label, seconds in best.items():
        ms = seconds * 1000
        print(f"{label}: {sizes[label]} platforms, {ms:.1f} ms CPU (best of {args.rounds})")
    if args.against is not None:
        mine, theirs = best.values()
        print(f"ratio this/against: {mine / theirs:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
