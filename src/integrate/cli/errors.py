"""Command-line failures: one clear line on stderr and a documented exit code."""

from __future__ import annotations

# Exit codes (documented in README.md, a contract for scripts).
EXIT_OK = 0
EXIT_FAILURE = 1  # the command could not do what was asked (message says why)
EXIT_USAGE = 2  # bad arguments or input
EXIT_LOCKED = 3  # the journal could not be unlocked
EXIT_DAMAGED = 4  # the journal failed its integrity checks
EXIT_IN_USE = 5  # the journal is in use: the app has it open, or another command writes


class CliError(Exception):
    """Raised by verbs; main() prints `message` to stderr and exits with `code`."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
