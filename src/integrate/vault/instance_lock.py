"""One writer per vault: an advisory lock on `vault.lock` held while a vault is open.

The GUI holds it for its whole run; writing command-line verbs take it for the
length of the command, so they refuse (with a clear message) while the app has
the journal open instead of racing it. Read-only verbs do not need it: WAL mode
lets them read consistently while the app writes.

The holder writes who it is into the lock file (role "app" or "command", the verb and
its process id, as JSON after the first byte, which Windows keeps locked), so a refused
process can say who has the journal: two command-line writers used to be told "the app
has this journal open" although no app was running.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from integrate.paths import FILE_MODE

APP = "app"
COMMAND = "command"
_OFFSET = 1  # the holder's note starts after the byte Windows locks

# Who this process is, written into the lock file when it takes the lock: the window
# sets "app" (integrate.app.build), main() names the verb.
_this_process = {"role": COMMAND, "name": ""}


def set_holder(role: str, name: str = "") -> None:
    """Say who this process is, for the note a lock holder leaves."""
    _this_process["role"] = role
    _this_process["name"] = name


@dataclass(frozen=True)
class LockHolder:
    role: str  # APP or COMMAND
    pid: int
    name: str = ""  # the verb, for a command


def read_holder(path: Path) -> LockHolder | None:
    """The note of the process holding the lock (None when absent or unreadable)."""
    try:
        with open(path, "rb") as f:
            f.seek(_OFFSET)
            raw = json.loads(f.read(4096).decode("utf-8"))
        return LockHolder(str(raw["role"]), int(raw["pid"]), str(raw.get("name", "")))
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def in_use_message(holder: LockHolder | None) -> str:
    """A plain sentence naming what holds the journal."""
    if holder is not None and holder.role == APP:
        return (
            f"Integrate already has this journal open in the app (process {holder.pid}). "
            "Close the app to use this command, or use the open app."
        )
    if holder is not None and holder.role == COMMAND:
        verb = f"`integrate {holder.name}`" if holder.name else "Another integrate command"
        return (
            f"{verb} (process {holder.pid}) is using this journal right now. Try again "
            "when it has finished."
        )
    return "Another Integrate process has this journal open. Try again in a moment."


class VaultInUse(Exception):  # noqa: N818
    """Another Integrate process has this vault open; str(exc) says which."""

    def __init__(self, message: str, holder: LockHolder | None = None) -> None:
        super().__init__(message)
        self.holder = holder


class InstanceLock:
    def __init__(self, path: Path, role: str | None = None, name: str | None = None) -> None:
        self.path = path
        self._fd: int | None = None
        self.role = role  # None: as set_holder() said for this process
        self.name = name

    def acquire(self) -> None:
        """Take the lock or raise VaultInUse at once (never waits)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            holder = read_holder(self.path)
            raise VaultInUse(in_use_message(holder), holder) from exc
        self._fd = fd
        with contextlib.suppress(OSError):  # the note is a courtesy; the lock is what counts
            self._write_note(fd)

    def _write_note(self, fd: int) -> None:
        note = {
            "role": self.role or _this_process["role"],
            "name": self.name if self.name is not None else _this_process["name"],
            "pid": os.getpid(),
        }
        data = b"\n" + json.dumps(note).encode("utf-8")
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
        os.ftruncate(fd, len(data))
        os.lseek(fd, 0, os.SEEK_SET)  # msvcrt unlocks from the current position

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
