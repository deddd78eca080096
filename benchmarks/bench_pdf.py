"""Benchmark: render a therapist summary with 100 entries and three charts.

Run: python benchmarks/bench_pdf.py
Target: under 2 s per export (render + neutral metadata), on a developer laptop.
Not a unit test: timings depend on the machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "share"))

from samples import make_document  # noqa: E402

from integrate.share.pdf import render_pdf  # noqa: E402
from integrate.share.pdf_security import encrypt_pdf  # noqa: E402
from integrate.share.qtapp import ensure_qt_app  # noqa: E402

TARGET_SECONDS = 2.0
RUNS = 5


def main() -> int:
    ensure_qt_app()
    doc = make_document(entries=100, with_long_entry=True, include_item9=True)
    render_pdf(doc)  # warm-up: font loading, first layout
    times = []
    size = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        data = render_pdf(doc)
        times.append(time.perf_counter() - start)
        size = len(data)
    start = time.perf_counter()
    encrypt_pdf(data, "benchmark password")
    encrypt_time = time.perf_counter() - start
    median = statistics.median(times)
    print(f"entries: {len(doc.entries)}, charts: {len(doc.measures)}, size: {size / 1024:.0f} KiB")
    print(f"render_pdf median of {RUNS}: {median:.3f} s (target < {TARGET_SECONDS:.1f} s)")
    print(f"encrypt_pdf (AES-256): {encrypt_time:.3f} s")
    print("OK" if median + encrypt_time < TARGET_SECONDS else "SLOWER THAN TARGET")
    return 0 if median + encrypt_time < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
