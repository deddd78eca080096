"""A readable Markdown copy of the journal: one file per month, named by date only.

`YYYY-MM.md` holds that month's sessions and entries in time order; `README.md` says
the folder is not encrypted. File names never reveal content. Not encrypted: callers
must warn before writing (see export_json.NOT_ENCRYPTED_WARNING).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from integrate.paths import ensure_private_dir, write_private_atomic
from integrate.vault.db import Connection
from integrate.vault.export_json import NOT_ENCRYPTED_WARNING, export_data
from integrate.vault.unreadable import collecting, sentence

_MONTH_FILE = re.compile(r"^\d{4}-\d{2}\.md$")


def _line(text: str) -> str:
    """One-line text for a heading (user text is written as text, not as Markdown markup)."""
    return re.sub(r"\s+", " ", text).strip().lstrip("#").strip()


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _month(at: datetime) -> str:
    """YYYY-MM with a four-digit year whatever the platform's strftime does."""
    return f"{at.year:04d}-{at.month:02d}"


def _session_block(s: dict[str, Any]) -> str:
    at = _when(s["at"])
    kind = "Ketamine session" if s["kind"] == "ketamine" else "Therapy session"
    lines = [
        f"## {at:%A %d %B %Y, %H:%M} - {kind}" + (" (planned)" if s["status"] == "planned" else ""),
        "",
    ]
    if s.get("intention"):
        lines += ["Intention:", "", s["intention"], ""]
    if s.get("notes"):
        lines += ["Notes:", "", s["notes"], ""]
    return "\n".join(lines)


def _entry_block(e: dict[str, Any]) -> str:
    at = _when(e["created_at"])
    title = _line(e.get("title") or "") or "Journal entry"
    lines = [f"## {at:%A %d %B %Y, %H:%M} - {title}", ""]
    if e.get("tags"):
        lines += ["Tags: " + ", ".join(e["tags"]), ""]
    if e.get("body"):
        lines += [e["body"], ""]
    return "\n".join(lines)


def export_markdown(conn: Connection, folder: Path) -> list[Path]:
    """Write the Markdown folder (created 0700, files 0600). Returns the files written."""
    folder = ensure_private_dir(Path(folder))
    # export_data leaves out (and counts) what cannot be read: times here are in range.
    with collecting(conn) as unreadable:
        records = export_data(conn)["records"]
    months: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    for s in records["sessions"]:
        at = _when(s["at"])
        months[_month(at)].append((at, _session_block(s)))
    for e in records["entries"]:
        at = _when(e["created_at"])
        months[_month(at)].append((at, _entry_block(e)))
    left_out = sentence(unreadable)
    written: list[Path] = []
    readme = folder / "README.md"
    write_private_atomic(
        readme,
        (
            "# Integrate journal export\n\n"
            f"**{NOT_ENCRYPTED_WARNING}**\n\n"
            "One file per month (YYYY-MM.md), sessions and journal entries in time order.\n"
            + (f"\n{left_out}\n" if left_out else "")
        ).encode(),
    )
    written.append(readme)
    for month, items in sorted(months.items()):
        items.sort(key=lambda pair: pair[0].timestamp())
        body = f"# {month}\n\n" + "\n".join(block for _, block in items)
        target = folder / f"{month}.md"
        assert _MONTH_FILE.match(target.name)
        write_private_atomic(target, body.encode("utf-8"))
        written.append(target)
    return written
