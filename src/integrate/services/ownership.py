"""The patient's ownership of their data: export and import, on the vault given.

The GUI runs these as exclusive jobs on a vault view with a connection of its own
(`Vault.job_view`); the command line on the vault it opened. Import is one transaction:
all of a file or nothing.
"""

from __future__ import annotations

from pathlib import Path

from integrate.vault.export_json import export_json
from integrate.vault.export_markdown import export_markdown
from integrate.vault.import_json import ImportSummary, import_json
from integrate.vault.vault import Vault


def export_to_json(vault: Vault, target: Path) -> dict[str, int]:
    """Write every record to `target` (not encrypted); counts per record type."""
    return export_json(vault.conn, target)


def export_to_markdown(vault: Vault, folder: Path) -> list[Path]:
    """Readable Markdown files in `folder` (not encrypted)."""
    return export_markdown(vault.conn, folder)


def import_from_json(vault: Vault, source: Path) -> ImportSummary:
    """Validate and import an export file in one transaction (all or nothing)."""
    return import_json(vault.conn, source)
