"""Saving a therapist summary: render in memory, encrypt, write privately, log the share.

Used by the share wizard and by `integrate export-pdf`, so both produce the same file
and the same share log entry.
"""

from __future__ import annotations

import contextlib
import locale
import os
from dataclasses import dataclass
from pathlib import Path

from integrate.core.i18n import tr_noop
from integrate.services.usecases import UseCases
from integrate.share.content import PageSize, ShareDocument
from integrate.share.gather import GatheredShare, ShareSelection
from integrate.vault.shares import ShareRecord
from integrate.vault.vault import Vault

MIN_PASSWORD_LENGTH = 8

# Territories whose standard paper is US Letter (the rest of the world uses A4).
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR", "CR"})


def default_page_size(env: dict[str, str] | None = None) -> PageSize:
    """Letter where the locale's territory uses it (US, Canada, ...), else A4.

    The first of LC_ALL, LC_PAPER, LANG that is set is the paper locale (the POSIX order
    of precedence); only when none is set is Python's `locale.getlocale()` asked.
    "en_US.UTF-8" -> Letter; "de_DE", "C", "C.UTF-8" or no territory -> A4. A set "C"
    locale is final: Python reports C.UTF-8 as "en_US", which would wrongly give Letter.
    """
    from_process = env is None
    env = dict(os.environ) if env is None else env
    name = next((env.get(k, "") for k in ("LC_ALL", "LC_PAPER", "LANG") if env.get(k, "")), "")
    if not name and from_process:
        with contextlib.suppress(ValueError):
            name = locale.getlocale()[0] or ""
    if not name or name in ("C", "POSIX") or name.startswith("C."):
        return "A4"
    territory = name.split(".")[0].split("@")[0].replace("-", "_").split("_")
    if len(territory) >= 2 and territory[-1].upper() in LETTER_TERRITORIES:
        return "Letter"
    return "A4"


def password_problem(password: str, repeat: str | None = None) -> str | None:
    """Why a PDF password cannot be used, in plain words; None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        # "{n}" (MIN_PASSWORD_LENGTH) is filled in by whoever shows it, after translating.
        return tr_noop("ShareWizard", "Choose a password of at least {n} characters.")
    if repeat is not None and password != repeat:
        return tr_noop("ShareWizard", "The two passwords are not the same.")
    return None


def has_printable_content(doc: ShareDocument) -> bool:
    """True when the summary holds more than its cover page."""
    return bool(
        doc.sessions
        or doc.measures
        or doc.entries
        or doc.what_helps
        or doc.safety_plan
        or (doc.include_item9 and doc.item9_rows)
        or (doc.tracking is not None and not doc.tracking.empty)
    )


def share_content(selection: ShareSelection) -> dict[str, object]:
    """What the share log keeps about the choices (no names, no note text)."""
    sections = [
        name
        for name, on in (
            ("sessions", selection.include_sessions),
            ("intentions", selection.include_sessions and selection.include_intentions),
            ("measures", selection.include_measures),
            ("what_helps", selection.include_what_helps),
            ("safety_plan", selection.include_safety_plan),
            ("item9", selection.include_item9),
            ("after_effects", selection.include_effects),
            ("sleep", selection.include_sleep),
            ("substances", selection.include_substances),
            ("ratings_chart", selection.include_ratings_chart),
            ("attached_data", selection.attach_data and selection.include_measures),
        )
        if on
    ]
    return {
        "sections": sections,
        "period_kind": selection.period_kind,
        "page_size": selection.page_size,
        "name_display": selection.name_display,
        "note": bool(selection.note.strip()),
    }


@dataclass(frozen=True)
class SavedShare:
    path: Path
    record: ShareRecord
    encrypted: bool
    size: int


def save_share(
    vault: Vault,
    gathered: GatheredShare,
    selection: ShareSelection,
    target: Path,
    *,
    password: str | None = None,
    overwrite: bool = False,
    pdf_bytes: bytes | None = None,
) -> SavedShare:
    """Write the summary to `target` (AES-256 with a password) and record the share.

    `pdf_bytes` reuses an already rendered document (the wizard's preview) so what is
    saved is exactly what was previewed. The unencrypted document never touches disk.
    Raises FileExistsError (no `overwrite`) or OSError; nothing is logged then.
    """
    from integrate.share.pdf import render_pdf
    from integrate.share.pdf_security import encrypt_pdf, write_private_file

    data = pdf_bytes if pdf_bytes is not None else render_pdf(gathered.document)
    if password:
        data = encrypt_pdf(data, password)
    target = Path(target)
    write_private_file(target, data, overwrite=overwrite)
    record = UseCases(vault).sharing.shares.record(
        file_name=target.name,
        period_from=gathered.period.start,
        period_to=gathered.period.end,
        items=gathered.items,
        recipient=selection.therapist_name,
        password=bool(password),
        content=share_content(selection),
        created_at=gathered.document.generated_at,
    )
    return SavedShare(target, record, bool(password), len(data))
