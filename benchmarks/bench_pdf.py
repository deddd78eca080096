"""PDF export: a therapist summary with charts, 100 entries and 1,000 entries.

Target: 100 entries with charts < 2 s (render + AES-256 encryption); 1,000 entries
roughly linear (reported as the ratio per entry against the 100-entry run).
Not a unit test: timings depend on the machine.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "share"))

from common import median, parse_args, report  # noqa: E402
from samples import make_document  # noqa: E402

from integrate.share.pdf import render_pdf  # noqa: E402
from integrate.share.pdf_security import encrypt_pdf  # noqa: E402
from integrate.share.qtapp import ensure_qt_app  # noqa: E402

TARGET_SECONDS = 2.0
LINEAR_SLACK = 1.5  # 10x the entries in at most 15x the time counts as roughly linear


def _time(entries: int, runs: int) -> tuple[float, int]:
    # clinical=True: the issue 16 summary (glance, session details, check-in chart,
    # item tables, CSV + FHIR attachments), the heaviest the patient can choose.
    doc = make_document(entries=entries, with_long_entry=True, include_item9=True, clinical=True)
    render_pdf(doc)  # warm-up: font loading, first layout
    times = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        data = render_pdf(doc)
        encrypt_pdf(data, "benchmark password")
        times.append(time.perf_counter() - start)
        size = len(data)
    return median(times), size


def main() -> int:
    args = parse_args(needs_vault=False)
    ensure_qt_app()
    t100, size100 = _time(100, 2 if args.quick else 5)
    report(
        "PDF export, 100 entries + charts",
        t100 * 1000,
        "ms",
        f"< {TARGET_SECONDS * 1000:.0f} ms",
        t100 < TARGET_SECONDS,
        f"render + AES-256, {size100 / 1024:.0f} KiB",
    )
    if not args.quick:
        t1000, size1000 = _time(1000, 2)
        ratio = t1000 / t100
        report(
            "PDF export, 1,000 entries + charts",
            t1000 * 1000,
            "ms",
            f"~linear: <= {10 * LINEAR_SLACK:.0f}x the 100-entry time",
            ratio <= 10 * LINEAR_SLACK,
            f"{ratio:.1f}x the 100-entry time, {size1000 / 1024:.0f} KiB",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
