"""Reading secrets from standard input (never from argv or the environment)."""

from __future__ import annotations

import sys
from typing import TextIO

from integrate.cli.errors import EXIT_USAGE, CliError


class StdinReader:
    """Hands out stdin in order: a secret's line first, then the rest (e.g. an entry body).

    When a verb reads both a secret and a body from stdin, the first line is the
    secret and everything after it is the body.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdin
        self._secret_taken = False

    def secret(self, what: str) -> str:
        line = self._stream.readline()
        self._secret_taken = True
        value = line.rstrip("\r\n")
        if not value:
            raise CliError(f"Expected the {what} on the first line of standard input.", EXIT_USAGE)
        return value

    def rest(self) -> str:
        return self._stream.read()
