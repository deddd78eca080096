"""Search on the big vault, in-process: words, phrases, prefixes, a tag filter.

Target: p95 < 20 ms per EntryRepository.search call (the journal's search box).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import open_vault, p95, parse_args, report  # noqa: E402

QUERIES: list[tuple[str, str | None]] = [
    ("dream", None),
    ("garden", None),
    ("coffee", None),
    ("komorebi", None),
    ("Zürich", None),
    ("cafe", None),  # diacritics folded: finds "Café"
    ('"long walk"', None),
    ('"the old dream came back"', None),
    ('"kinder to myself"', None),
    ("gard*", None),
    ("bre*", None),
    ("ca*", None),
    ("dream", "sleep"),
    ("walk", "nature"),
    ("calm", "for-therapy"),
]
TARGET_MS = 20.0


def main() -> int:
    args = parse_args()
    vault = open_vault(args.data_dir)
    from integrate.vault.entries import EntryRepository

    repo = EntryRepository(vault.conn)
    rounds = 3 if args.quick else 20
    for query, tag in QUERIES:  # warm the page cache, as a running app would be
        repo.search(query, tag=tag)
    times: list[float] = []
    per_kind: dict[str, list[float]] = {"word": [], "phrase": [], "prefix": [], "tag": []}
    for _ in range(rounds):
        for query, tag in QUERIES:
            start = time.perf_counter()
            hits = repo.search(query, tag=tag)
            elapsed = (time.perf_counter() - start) * 1000
            times.append(elapsed)
            kind = (
                "tag" if tag else "phrase" if '"' in query else "prefix" if "*" in query else "word"
            )
            per_kind[kind].append(elapsed)
            assert hits or query == "komorebi", query  # every query finds something
    entries = repo.count()
    vault.close()
    detail = ", ".join(f"{k} {p95(v):.1f}" for k, v in per_kind.items())
    report(
        "Search p95 (EntryRepository.search)",
        p95(times),
        "ms",
        f"< {TARGET_MS:.0f} ms",
        p95(times) < TARGET_MS,
        f"{entries} entries; p95 by kind: {detail}",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
