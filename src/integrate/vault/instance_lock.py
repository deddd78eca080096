"""One writer per vault: an advisory lock on `vault.lock` held while a vault is open.

The GUI holds it for its whole run; writing command-line verbs take it for the
length of the command, so they refuse (with a clear message) while the app has
the journal open instead of racing it. Read-only verbs do not need it: WAL mode
lets them read consistently while the app writes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from integrate.paths import FILE_MODE


class VaultInUse(Exception):  # noqa: N818
    """Another Integrate process has this vault open."""


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise VaultInUse at once (never waits)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise VaultInUse(
                "Integrate already has this journal open. Close the app first, or use the open app."
            ) from exc
        self._fd = fd

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
