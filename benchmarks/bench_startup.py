"""Start-up and resident memory: `integrate --benchmark-startup` vs a bare PySide6 window.

Both print the milliseconds since their process started once the first paint happened
(for the app: the main window unlocked with the keyring key, Today filled and painted),
and VmRSS at that moment. Run under xvfb-run (a real X server), alternating the two,
inside the private keyring session run_all.py provides.
Targets: app <= 1.5x the bare window; app RSS <= bare RSS + 80 MB.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, parse_args, report  # noqa: E402

HERE = Path(__file__).resolve().parent
RATIO_TARGET = 1.5
RSS_TARGET_MB = 80.0
_LINE = re.compile(r"startup_ms=([\d.]+) rss_kib=(\d+)")
_READY = re.compile(r"ready_ms=([\d.]+)")  # the app only: integrity check passed, Today synced


def _run(command: list[str]) -> tuple[float, int, float | None]:
    if shutil.which("xvfb-run") and os.environ.get("INTEGRATE_BENCH_OFFSCREEN") != "1":
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command]
        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)
    else:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)
    match = _LINE.search(out.stdout)
    if not match:
        raise SystemExit(
            f"no start-up figure from {command[-3:]}: {out.stdout} {out.stderr[-800:]}"
        )
    ready = _READY.search(out.stdout)
    return float(match.group(1)), int(match.group(2)), float(ready.group(1)) if ready else None


def main() -> int:
    args = parse_args()
    rounds = 2 if args.quick else 7
    python = sys.executable
    app_cmd = [python, "-m", "integrate", "--data-dir", args.data_dir, "--benchmark-startup"]
    bare_cmd = [python, str(HERE / "bare_window.py")]
    _run(bare_cmd)  # warm the disk cache for both
    _run(app_cmd)
    bare, app = [], []
    for _ in range(rounds):
        bare.append(_run(bare_cmd))
        app.append(_run(app_cmd))
    bare_ms, app_ms = median([b[0] for b in bare]), median([a[0] for a in app])
    ready = [a[2] for a in app if a[2] is not None]
    bare_mb, app_mb = median([b[1] for b in bare]) / 1024, median([a[1] for a in app]) / 1024
    ratio = app_ms / bare_ms
    report(
        "Start-up: bare PySide6 window", bare_ms, "ms", "(the floor)", None, f"median of {rounds}"
    )
    report(
        "Start-up: integrate, unlocked, Today painted",
        app_ms,
        "ms",
        f"<= {RATIO_TARGET}x bare = {RATIO_TARGET * bare_ms:.0f} ms",
        ratio <= RATIO_TARGET,
        f"{ratio:.2f}x the bare window; median of {rounds}",
    )
    if ready:
        report(
            "Start-up: integrity check passed, schedule synced",
            median(ready),
            "ms",
            "(reference: runs after Today paints)",
            None,
            f"the HMAC and quick_check pass in the background; median of {rounds}",
        )
    report(
        "Resident memory after start-up",
        app_mb,
        "MiB",
        f"<= bare {bare_mb:.0f} + {RSS_TARGET_MB:.0f} MiB",
        app_mb <= bare_mb + RSS_TARGET_MB,
        f"+{app_mb - bare_mb:.0f} MiB over the bare window",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
