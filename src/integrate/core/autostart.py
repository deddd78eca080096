"""Start minimised at login: the per-user autostart entry for each platform.

Off by default; the settings page and `integrate autostart on|off` call
`enable_autostart` / `disable_autostart`.
- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/integrate.desktop`.
- macOS: a LaunchAgent plist in `~/Library/LaunchAgents` (read by launchd at the
  next login; nothing is loaded now).
- Windows: a value under `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`,
  written with the standard-library `winreg` (a Startup-folder shortcut would need
  COM, which the standard library lacks).

The visible name can be neutral ("Journal") so a glance at the login items does
not tell anyone what the app is for. The command is `integrate --minimized`
(an absolute path when one can be found, because login sessions often lack the
user's PATH additions), plus `--data-dir DIR` for a journal outside the default
folder (a login session has neither the command line nor INTEGRATE_DATA_DIR of the
shell that switched autostart on). `--minimized` also starts the app locked: nobody
need be at the screen at login, so the keyring is not used until someone unlocks.
Files are written atomically and 0600: only the user's own session needs to read them.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from integrate.core.desktop_entry import exec_line as desktop_exec_line
from integrate.core.identity import APP_NAME
from integrate.core.identity import NEUTRAL_NAME as NEUTRAL_NAME
from integrate.paths import write_private_atomic

MINIMIZED_FLAG = "--minimized"
DATA_DIR_FLAG = "--data-dir"
ENTRY_ID = "integrate"  # file stem, kept fixed so the entry can be found again
LAUNCH_AGENT_LABEL = "local.integrate.autostart"
PLAIN_NAME = APP_NAME
RUN_KEY_PATH = r"Software\Microsoft\Windows\CurrentVersion\Run"
# Both names are ours: disabling removes whichever was written.
_RUN_VALUE_NAMES = (PLAIN_NAME, NEUTRAL_NAME)


class AutostartPlatform(StrEnum):
    XDG = "xdg"  # Linux, the BSDs: freedesktop autostart
    MACOS = "macos"
    WINDOWS = "windows"


def platform_kind(platform: str) -> AutostartPlatform:
    """Map a `sys.platform` value to how autostart works there."""
    if platform == "darwin":
        return AutostartPlatform.MACOS
    if platform in {"win32", "cygwin"}:
        return AutostartPlatform.WINDOWS
    return AutostartPlatform.XDG


def display_name(neutral_name: bool) -> str:
    """The name shown in login-item lists."""
    return NEUTRAL_NAME if neutral_name else PLAIN_NAME


def default_exec_command(data_dir: Path | None = None) -> list[str]:
    """`integrate --minimized [--data-dir DIR]`, with the script's absolute path when
    it is found. Give `data_dir` only for a journal outside the default folder."""
    if getattr(sys, "frozen", False):  # a bundle: its own program (`-m` means nothing to it)
        return with_data_dir([str(Path(sys.executable).resolve()), MINIMIZED_FLAG], data_dir)
    script = shutil.which("integrate")
    cmd = [script] if script else [sys.executable, "-m", "integrate"]
    return with_data_dir([*cmd, MINIMIZED_FLAG], data_dir)


def with_data_dir(cmd: Sequence[str], data_dir: Path | None) -> list[str]:
    """`cmd` plus `--data-dir DIR` (absolute) when `data_dir` is given and not in it."""
    out = list(cmd)
    if data_dir is not None and DATA_DIR_FLAG not in out:
        out += [DATA_DIR_FLAG, str(Path(data_dir).expanduser().resolve())]
    return out


def xdg_config_home(home: Path, environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CONFIG_HOME` if set to an absolute path (as the spec says), else ~/.config."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_CONFIG_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return home / ".config"


def autostart_path(
    platform: str, home: Path, environ: Mapping[str, str] | None = None
) -> Path | None:
    """Where the autostart entry lives; None on Windows (it is a registry value)."""
    kind = platform_kind(platform)
    if kind is AutostartPlatform.MACOS:
        return home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    if kind is AutostartPlatform.WINDOWS:
        return None
    return xdg_config_home(home, environ) / "autostart" / f"{ENTRY_ID}.desktop"


# -- entry contents --------------------------------------------------------------

# Characters that make an Exec argument need quoting (Desktop Entry spec, "Exec key").


def desktop_entry_text(exec_cmd: Sequence[str], neutral_name: bool) -> str:
    """A freedesktop autostart entry that runs `exec_cmd` at login."""
    if not exec_cmd:
        raise ValueError("The autostart command is empty.")
    exec_line = desktop_exec_line(exec_cmd)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={display_name(neutral_name)}\n"
        "Comment=Opens in the background at login\n"
        f"Exec={exec_line}\n"
        "Terminal=false\n"
        "StartupNotify=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def launch_agent_plist(exec_cmd: Sequence[str], neutral_name: bool) -> bytes:
    """A macOS LaunchAgent that runs `exec_cmd` once at login.

    A LaunchAgent has no display name of its own (System Settings shows the
    executable's), so `neutral_name` changes nothing here; it is accepted so all
    platforms share one call.
    """
    del neutral_name
    if not exec_cmd:
        raise ValueError("The autostart command is empty.")
    payload = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(exec_cmd),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",  # a GUI login, not ssh
    }
    return plistlib.dumps(payload, fmt=plistlib.FMT_XML, sort_keys=True)


def windows_run_command(exec_cmd: Sequence[str]) -> str:
    """The Run-key command line for `exec_cmd`, quoted the way Windows parses it."""
    if not exec_cmd:
        raise ValueError("The autostart command is empty.")
    return subprocess.list2cmdline(list(exec_cmd))


# -- Windows registry ---------------------------------------------------------------


class RunKey(Protocol):
    """The values of HKCU\\...\\Run (injectable so tests need no Windows)."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, command: str) -> None: ...

    def delete(self, name: str) -> None: ...


class WinregRunKey:
    """The real HKCU Run key, through the standard-library `winreg`."""

    def get(self, name: str) -> str | None:
        if sys.platform != "win32":
            raise OSError("The Windows registry is only available on Windows.")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY_PATH) as key:
                value, _ = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, name: str, command: str) -> None:
        if sys.platform != "win32":
            raise OSError("The Windows registry is only available on Windows.")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY_PATH) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, command)

    def delete(self, name: str) -> None:
        if sys.platform != "win32":
            raise OSError("The Windows registry is only available on Windows.")
        import winreg

        try:
            with winreg.OpenKey(
                winreg.HKEY_CURRENT_USER, RUN_KEY_PATH, 0, winreg.KEY_SET_VALUE
            ) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass


# -- enable / disable / query --------------------------------------------------------


def _write_private(path: Path, data: bytes) -> None:
    # New folders 0700: ~/.config/autostart may not exist yet.
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_private_atomic(path, data)


def enable_autostart(
    platform: str,
    home: Path,
    exec_cmd: Sequence[str] | None = None,
    neutral_name: bool = False,
    environ: Mapping[str, str] | None = None,
    run_key: RunKey | None = None,
    data_dir: Path | None = None,
) -> Path | None:
    """Create (or rewrite) the login entry. Returns the file written, None on Windows.

    `data_dir`: the journal's folder when it is not the default one (see module doc)."""
    cmd = with_data_dir(exec_cmd, data_dir) if exec_cmd is not None else None
    cmd = cmd if cmd is not None else default_exec_command(data_dir)
    kind = platform_kind(platform)
    if kind is AutostartPlatform.WINDOWS:
        key = run_key if run_key is not None else WinregRunKey()
        for name in _RUN_VALUE_NAMES:  # only one of ours at a time
            if name != display_name(neutral_name):
                key.delete(name)
        key.set(display_name(neutral_name), windows_run_command(cmd))
        return None
    path = autostart_path(platform, home, environ)
    assert path is not None
    if kind is AutostartPlatform.MACOS:
        _write_private(path, launch_agent_plist(cmd, neutral_name))
    else:
        _write_private(path, desktop_entry_text(cmd, neutral_name).encode("utf-8"))
    return path


def disable_autostart(
    platform: str,
    home: Path,
    environ: Mapping[str, str] | None = None,
    run_key: RunKey | None = None,
) -> bool:
    """Remove the login entry. Returns whether there was one."""
    if platform_kind(platform) is AutostartPlatform.WINDOWS:
        key = run_key if run_key is not None else WinregRunKey()
        found = False
        for name in _RUN_VALUE_NAMES:
            if key.get(name) is not None:
                key.delete(name)
                found = True
        return found
    path = autostart_path(platform, home, environ)
    assert path is not None
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def _desktop_entry_disabled(text: str) -> bool:
    in_main = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_main = line == "[Desktop Entry]"
            continue
        if not in_main or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key, value = key.strip(), value.strip().lower()
        # Desktops switch an entry off in place rather than deleting it.
        if key == "Hidden" and value == "true":
            return True
        if key == "X-GNOME-Autostart-enabled" and value == "false":
            return True
    return False


def is_enabled(
    platform: str,
    home: Path,
    environ: Mapping[str, str] | None = None,
    run_key: RunKey | None = None,
) -> bool:
    """Whether our login entry exists and has not been switched off by the desktop."""
    kind = platform_kind(platform)
    if kind is AutostartPlatform.WINDOWS:
        key = run_key if run_key is not None else WinregRunKey()
        return any(key.get(name) is not None for name in _RUN_VALUE_NAMES)
    path = autostart_path(platform, home, environ)
    assert path is not None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return False
    if kind is AutostartPlatform.MACOS:
        try:
            payload = plistlib.loads(data)
        except plistlib.InvalidFileException:
            return False
        return isinstance(payload, dict) and not payload.get("Disabled", False)
    return not _desktop_entry_disabled(data.decode("utf-8", errors="replace"))
