"""Where a vault lives on disk, and private file creation.

Every folder Integrate creates is 0700 and every file 0600: the process umask
is tightened at start-up, and helpers here set modes explicitly as well, since
a umask cannot tighten files that already exist.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "INTEGRATE_DATA_DIR"
DIR_MODE = 0o700
FILE_MODE = 0o600


def tighten_umask() -> None:
    """Make every file this process creates private to the user."""
    os.umask(0o077)


def default_data_dir() -> Path:
    """The per-user data folder (e.g. ~/.local/share/Integrate on Linux)."""
    return Path(platformdirs.user_data_dir("Integrate", appauthor=False, roaming=True))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then $INTEGRATE_DATA_DIR, then the platform default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    with contextlib.suppress(OSError):  # e.g. a folder on a filesystem without modes
        path.chmod(DIR_MODE)
    return path


def fsync_dir(path: Path) -> None:
    """Flush a directory entry so a rename survives a crash (no-op where unsupported)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private_atomic(target: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `target` via a 0600 temp file, fsync and atomic rename.

    The one way Integrate writes a file: nothing half-written is ever seen under the
    target's name, and no other user can read it. With `overwrite=False` an existing
    target is never replaced (FileExistsError), even if it appears meanwhile.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not overwrite and target.exists():
        raise FileExistsError(str(target))
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=folder)  # created 0600
    tmp = Path(tmp_name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)  # umask can only narrow; make it exact
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            _link_no_clobber(tmp, target)
        fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _link_no_clobber(tmp: Path, target: Path) -> None:
    """Move tmp to target, failing if target appeared meanwhile (no race window)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        # Filesystems without hard links (FAT on USB sticks): best effort check.
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


@dataclass(frozen=True)
class VaultPaths:
    """The files that make up one vault, all inside one private folder."""

    root: Path

    @property
    def db(self) -> Path:
        return self.root / "vault.db"

    @property
    def keyslots(self) -> Path:
        return self.root / "keyslots.json"

    @property
    def lock(self) -> Path:
        return self.root / "vault.lock"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def exists(self) -> bool:
        """Whether a vault has been created here (the key slots are written last).

        The key slots alone decide: a missing or empty vault.db beside them is a lost
        journal to report, never a folder where a new one may be created.
        """
        return self.keyslots.is_file() or (self.root / "keyslots.backup.json").is_file()

    def sidecars(self) -> list[Path]:
        """The database and its WAL/SHM companions that exist right now."""
        return [
            p
            for p in (self.db, self.root / "vault.db-wal", self.root / "vault.db-shm")
            if p.exists()
        ]
