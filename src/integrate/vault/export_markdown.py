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


_EFFECT_NAMES = ("dissociation", "nausea", "headache", "dizziness", "anxiety")


def _effects_block(a: dict[str, Any], session_at: dict[str, str]) -> str:
    at = _when(a["at"])
    lines = [f"## {at:%A %d %B %Y, %H:%M} - After-effects", ""]
    if a["session_uid"] in session_at:
        lines += [f"Session: {_when(session_at[a['session_uid']]):%A %d %B %Y, %H:%M}", ""]
    ratings = [f"{n.capitalize()} {a[n]}/10" for n in _EFFECT_NAMES if a.get(n) is not None]
    if a.get("unreal_24h") is not None:
        ratings.append(
            "Still unreal or detached a day later: "
            + ("yes" + (f", {a['unreal']}/10" if a.get("unreal") is not None else ""))
            if a["unreal_24h"]
            else "Still unreal or detached a day later: no"
        )
    lines += [f"- {r}" for r in ratings] + ([""] if ratings else [])
    if a.get("note"):
        lines += [a["note"], ""]
    return "\n".join(lines)


def _sleep_block(s: dict[str, Any]) -> str:
    day = datetime.fromisoformat(s["day"])
    parts = []
    if s.get("hours") is not None:
        parts.append(f"{s['hours']:g} h slept")
    if s.get("quality") is not None:
        parts.append(f"quality {s['quality']}/10")
    if s.get("nightmares") is not None:
        parts.append(f"nightmares {s['nightmares']}")
    if s.get("nightmare_distress") is not None:
        parts.append(f"nightmare distress {s['nightmare_distress']}/10")
    if s.get("wakings") is not None:
        parts.append(f"woke {s['wakings']} times")
    return f"## {day:%A %d %B %Y} - Sleep\n\n{', '.join(parts) or 'No details'}\n"


def _substance_block(u: dict[str, Any]) -> str:
    at = _when(u["at"])
    amount = f": {_line(u['amount'])}" if u.get("amount") else ""
    return f"## {at:%A %d %B %Y, %H:%M} - Substance\n\n{_line(u['name'])}{amount}\n"


def _medication_block(m: dict[str, Any]) -> str:
    at = _when(m["at"])
    change = {"started": "started", "stopped": "stopped", "dose": "dose changed"}.get(
        m["change"], m["change"]
    )
    dose = f" ({_line(m['dose'])})" if m.get("dose") else ""
    return f"## {at:%A %d %B %Y, %H:%M} - Medication\n\n{_line(m['name'])} {change}{dose}\n"


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
    session_at = {s["uid"]: s["at"] for s in records["sessions"]}
    for a in records.get("after_effects", []):
        at = _when(a["at"])
        months[_month(at)].append((at, _effects_block(a, session_at)))
    for n in records.get("sleep_diary", []):
        at = datetime.fromisoformat(n["day"]).astimezone()  # the morning's start, locally
        months[_month(at)].append((at, _sleep_block(n)))
    for u in records.get("substances", []):
        at = _when(u["at"])
        months[_month(at)].append((at, _substance_block(u)))
    for m in records.get("medication_changes", []):
        at = _when(m["at"])
        months[_month(at)].append((at, _medication_block(m)))
    left_out = sentence(unreadable)
    written: list[Path] = []
    readme = folder / "README.md"
    write_private_atomic(
        readme,
        (
            "# Integrate journal export\n\n"
            f"**{NOT_ENCRYPTED_WARNING}**\n\n"
            "One file per month (YYYY-MM.md): sessions, journal entries, after-effects, "
            "sleep, substances and medication changes in time order.\n"
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
