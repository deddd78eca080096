"""Marking text for translation where it is defined, not where it is shown.

Pure layers hold some words as data (a breathing phase's caption, a check-in phase's
name). `tr_noop(context, text)` returns `text` unchanged; scripts/i18n.py collects every
such call into the translation template under `context`, and the UI's `_tr(value)` in
that context translates the value when it is shown.
"""

from __future__ import annotations


def tr_noop(context: str, text: str) -> str:
    """Return `text`; mark it for translation in `context` (see scripts/i18n.py)."""
    del context  # only the extractor reads it
    return text
