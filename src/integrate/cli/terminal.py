"""Text the command line prints: never a terminal control sequence from stored text.

A title, tag, series name or imported value may hold escape sequences (ESC [ 31 m,
OSC 52 that writes the clipboard, a title-setting OSC) or bell, backspace and
carriage-return characters that rewrite what the terminal shows. `safe_text` removes
them; `TerminalSafe` wraps stdout/stderr for the whole run of a verb, so every verb's
output goes through the same helper (`integrate.cli.main`). Line breaks and tabs stay;
printable Unicode (emoji, right-to-left scripts) is untouched.
"""

from __future__ import annotations

import io
import re
from typing import TextIO

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/APC/PM/SOS strings ended by
# BEL or ESC \, and two-character escapes; the 8-bit C1 forms (U+009B CSI, U+009D OSC).
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
# Remaining C0 controls except tab and line feed, DEL and the C1 block.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_text(text: str) -> str:
    """`text` without control characters or escape sequences (line breaks and tabs kept)."""
    if text.isprintable():
        return text  # the common case: nothing to look for
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))


class TerminalSafe(io.TextIOBase):
    """A text stream that writes `safe_text` of everything to the stream it wraps."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(safe_text(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.inner, "encoding", "utf-8"))

    def fileno(self) -> int:
        return self.inner.fileno()
