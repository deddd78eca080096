"""Reading secrets and private text from standard input (never from argv or the environment).

Everything on the command line is visible to other local users (/proc/PID/cmdline, `ps`),
so passphrases, passwords, notes and names travel here instead. Standard input must be
UTF-8: anything else is a clear usage error (exit 2), never a traceback.
"""

from __future__ import annotations

import sys
from typing import TextIO

from integrate.cli.errors import EXIT_USAGE, CliError

NOT_UTF8 = (
    "Standard input is not valid UTF-8 text, so nothing was read from it. "
    "Save the text as UTF-8 (or check what is piped in) and try again."
)


class StdinReader:
    """Hands out stdin in order: lines first (secrets, a name), then the rest (a text).

    When a verb reads both a secret and a body from stdin, the first line is the
    secret and everything after it is the body. Bytes are decoded strictly as UTF-8.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdin
        self._secret_taken = False

    def _decode(self, raw: bytes | str) -> str:
        if isinstance(raw, str):
            return raw
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CliError(NOT_UTF8, EXIT_USAGE) from None

    def _readline(self) -> str:
        # The byte stream when there is one: the text layer would raise a bare
        # UnicodeDecodeError (a traceback) on invalid bytes.
        source = getattr(self._stream, "buffer", None) or self._stream
        try:
            return self._decode(source.readline())
        except UnicodeDecodeError:
            raise CliError(NOT_UTF8, EXIT_USAGE) from None

    def secret(self, what: str) -> str:
        value = self.line()
        self._secret_taken = True
        if not value:
            raise CliError(f"Expected the {what} on the first line of standard input.", EXIT_USAGE)
        return value

    def line(self) -> str:
        """The next line (without its line break); '' at the end of input."""
        return self._readline().rstrip("\r\n")

    def rest(self) -> str:
        """Everything left; Windows and old Mac line breaks become newlines (as text mode did)."""
        source = getattr(self._stream, "buffer", None) or self._stream
        try:
            text = self._decode(source.read())
        except UnicodeDecodeError:
            raise CliError(NOT_UTF8, EXIT_USAGE) from None
        return text.replace("\r\n", "\n").replace("\r", "\n")
