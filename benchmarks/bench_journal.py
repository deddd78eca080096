"""The Journal area on the big vault: build the page, show it, scroll to the very end.

Uses the real JournalPage (ui/journal/journal.py) with its paged model, offscreen. Target:
< 100 ms from building the page to the last entry in view; memory bounded (reported
as the RSS growth; the model keeps light rows, never whole bodies).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, open_vault, parse_args, report, rss_kib  # noqa: E402

TARGET_MS = 100.0
MEMORY_TARGET_MIB = 50.0


def main() -> int:
    args = parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from integrate.paths import VaultPaths
    from integrate.ui.base.context import AppServices
    from integrate.ui.base.theme import apply_theme
    from integrate.ui.journal.journal import JournalPage
    from integrate.vault.keystore import Keystore

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    vault = open_vault(args.data_dir)
    prefs = QSettings(str(Path(args.data_dir) / "bench-prefs.ini"), QSettings.Format.IniFormat)
    services = AppServices(vault, VaultPaths(Path(args.data_dir)), Keystore(), prefs)
    rounds = 2 if args.quick else 5
    opened: list[float] = []
    scrolled: list[float] = []
    growth: list[float] = []
    rows = 0
    for _ in range(rounds):
        before = rss_kib()
        start = time.perf_counter()
        page = JournalPage(services)
        page.resize(1000, 700)
        page.show()
        app.processEvents()
        opened.append((time.perf_counter() - start) * 1000)
        view = page.list
        model = view.model()
        while True:  # what dragging the scroll bar to the bottom does, page by page
            view.scrollToBottom()
            app.processEvents()
            if not model.canFetchMore(view.rootIndex()):
                break
        view.scrollToBottom()
        app.processEvents()
        scrolled.append((time.perf_counter() - start) * 1000)
        growth.append((rss_kib() - before) / 1024)
        rows = model.rowCount()
        page.close()
        page.deleteLater()
        app.processEvents()
    vault.close()
    report(
        "Journal: open the list",
        median(opened),
        "ms",
        "(part of the 100 ms)",
        None,
        f"median of {rounds}",
    )
    report(
        "Journal: open + scroll to the end",
        median(scrolled),
        "ms",
        f"< {TARGET_MS:.0f} ms",
        median(scrolled) < TARGET_MS,
        f"{rows} rows incl. headers, median of {rounds}",
    )
    report(
        "Journal: memory growth (first open)",
        growth[0],
        "MiB",
        f"< {MEMORY_TARGET_MIB:.0f} MiB",
        growth[0] < MEMORY_TARGET_MIB,
        f"later opens {max(growth[1:] or [0]):.1f} MiB",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
