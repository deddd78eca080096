"""The Exec line of a freedesktop .desktop file, quoted as the Desktop Entry spec asks.

One quoter for the menu entry and the autostart entry (not shell quoting: the spec has
its own reserved characters, field codes and a second escape layer for string values).
"""

from __future__ import annotations

from collections.abc import Sequence

_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`=")


def exec_arg(arg: str) -> str:
    """One argument: "%" doubled, quoted when it holds a reserved character."""
    if any(c in arg for c in "\n\r\0"):
        raise ValueError("A command argument cannot contain line breaks.")
    arg = arg.replace("%", "%%")  # "%" starts a field code
    if arg and not any(c in _RESERVED for c in arg):
        return arg
    quoted = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    # The string-value escape rule applies on top of the quoting rule: "\" -> "\\".
    return '"' + quoted.replace("\\", "\\\\") + '"'


def exec_line(argv: Sequence[str]) -> str:
    """The value of an Exec= key that runs `argv`."""
    if not argv:
        raise ValueError("The command is empty.")
    return " ".join(exec_arg(a) for a in argv)
