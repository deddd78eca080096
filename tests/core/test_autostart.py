"""Autostart entries per platform, written into a temporary HOME."""

from __future__ import annotations

import plistlib
import stat
import sys
from pathlib import Path

import pytest

from integrate.core.autostart import (
    LAUNCH_AGENT_LABEL,
    MINIMIZED_FLAG,
    autostart_path,
    default_exec_command,
    desktop_entry_text,
    disable_autostart,
    enable_autostart,
    is_enabled,
    windows_run_command,
)

CMD = ["/opt/integrate/bin/integrate", "--minimized"]
NO_ENV: dict[str, str] = {}


def desktop_keys(text: str) -> dict[str, str]:
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def parse_exec(value: str) -> list[str]:
    """Undo the Desktop Entry escaping: string escapes, then quoting, then %%."""
    unescaped = []
    i = 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            unescaped.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(nxt, nxt))
            i += 2
        else:
            unescaped.append(value[i])
            i += 1
    text = "".join(unescaped)
    args, current, quoted, i, started = [], [], False, 0, False
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
                current.append(text[i + 1])
                i += 1
            elif c == '"':
                quoted = False
            else:
                current.append(c)
        elif c == '"':
            quoted, started = True, True
        elif c == " ":
            if current or started:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(c)
        i += 1
    if current or started:
        args.append("".join(current))
    return [a.replace("%%", "%") for a in args]


# -- Linux / XDG -------------------------------------------------------------


def test_off_by_default(tmp_path: Path) -> None:
    for platform in ("linux", "darwin"):
        assert not is_enabled(platform, tmp_path, NO_ENV)
    assert list(tmp_path.iterdir()) == []


def test_linux_enable_writes_a_private_desktop_entry(tmp_path: Path) -> None:
    path = enable_autostart("linux", tmp_path, CMD, neutral_name=False, environ=NO_ENV)
    assert path == tmp_path / ".config" / "autostart" / "integrate.desktop"
    assert path == autostart_path("linux", tmp_path, NO_ENV)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    keys = desktop_keys(path.read_text())
    assert keys["Type"] == "Application"
    assert keys["Name"] == "Integrate"
    assert keys["Exec"] == "/opt/integrate/bin/integrate --minimized"
    assert keys["Terminal"] == "false"
    assert is_enabled("linux", tmp_path, NO_ENV)
    # No temporary files left next to it.
    assert [p.name for p in path.parent.iterdir()] == ["integrate.desktop"]


def test_neutral_name_hides_what_the_app_is(tmp_path: Path) -> None:
    path = enable_autostart("linux", tmp_path, CMD, neutral_name=True, environ=NO_ENV)
    assert path is not None
    keys = desktop_keys(path.read_text())
    assert keys["Name"] == "Journal"
    assert "integrate" not in keys["Comment"].lower()


def test_enable_twice_rewrites_and_disable_removes(tmp_path: Path) -> None:
    enable_autostart("linux", tmp_path, CMD, neutral_name=False, environ=NO_ENV)
    path = enable_autostart("linux", tmp_path, CMD, neutral_name=True, environ=NO_ENV)
    assert path is not None
    assert desktop_keys(path.read_text())["Name"] == "Journal"
    assert disable_autostart("linux", tmp_path, NO_ENV) is True
    assert not path.exists()
    assert not is_enabled("linux", tmp_path, NO_ENV)
    assert disable_autostart("linux", tmp_path, NO_ENV) is False


def test_xdg_config_home_is_honoured_when_absolute(tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    env = {"XDG_CONFIG_HOME": str(conf)}
    assert autostart_path("linux", tmp_path, env) == conf / "autostart" / "integrate.desktop"
    relative = {"XDG_CONFIG_HOME": "relative/conf"}
    assert autostart_path("linux", tmp_path, relative) == (
        tmp_path / ".config" / "autostart" / "integrate.desktop"
    )
    assert autostart_path("freebsd13", tmp_path, env) == conf / "autostart" / "integrate.desktop"


def test_environment_is_read_when_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    path = enable_autostart("linux", tmp_path, CMD)
    assert path == tmp_path / "xdg" / "autostart" / "integrate.desktop"
    assert is_enabled("linux", tmp_path)


@pytest.mark.parametrize("line", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_entry_switched_off_by_the_desktop_counts_as_disabled(tmp_path: Path, line: str) -> None:
    path = enable_autostart("linux", tmp_path, CMD, environ=NO_ENV)
    assert path is not None
    text = path.read_text().replace("X-GNOME-Autostart-enabled=true\n", "") + line + "\n"
    path.write_text(text)
    assert not is_enabled("linux", tmp_path, NO_ENV)


@pytest.mark.parametrize(
    "cmd",
    [
        CMD,
        ["/home/a b/.local/bin/integrate", "--minimized"],
        ['/weird/"quoted"/$HOME/`x`/back\\slash/integrate', "--minimized"],
        ["/opt/100%/integrate", "--minimized"],
        ["python3", "-m", "integrate", "--minimized", ""],
    ],
)
def test_exec_line_round_trips_through_the_spec_rules(cmd: list[str]) -> None:
    keys = desktop_keys(desktop_entry_text(cmd, neutral_name=False))
    assert parse_exec(keys["Exec"]) == cmd


def test_exec_refuses_line_breaks_and_empty_commands() -> None:
    with pytest.raises(ValueError):
        desktop_entry_text(["integrate\nX-Evil=1", "--minimized"], neutral_name=False)
    with pytest.raises(ValueError):
        desktop_entry_text([], neutral_name=False)


def test_default_command_starts_minimised() -> None:
    cmd = default_exec_command()
    assert cmd[-1] == MINIMIZED_FLAG
    assert cmd[0].endswith("integrate") or cmd[:3] == [sys.executable, "-m", "integrate"]


# -- macOS ---------------------------------------------------------------------


def test_default_command_in_a_bundle_is_the_bundle_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PyInstaller bundle runs itself: `-m integrate` means nothing to it, and another
    `integrate` on PATH (a developer's venv) is not this installation."""
    program = tmp_path / "opt" / "integrate"
    program.parent.mkdir()
    program.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert default_exec_command() == [str(program.resolve()), "--minimized"]


def test_macos_launch_agent(tmp_path: Path) -> None:
    path = enable_autostart("darwin", tmp_path, CMD, neutral_name=True)
    assert path == tmp_path / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    payload = plistlib.loads(path.read_bytes())
    assert payload["Label"] == LAUNCH_AGENT_LABEL
    assert payload["ProgramArguments"] == CMD
    assert payload["RunAtLoad"] is True
    assert is_enabled("darwin", tmp_path)

    payload["Disabled"] = True
    path.write_bytes(plistlib.dumps(payload))
    assert not is_enabled("darwin", tmp_path)

    assert disable_autostart("darwin", tmp_path) is True
    assert not path.exists()
    assert not is_enabled("darwin", tmp_path)


def test_macos_garbage_plist_is_not_enabled(tmp_path: Path) -> None:
    path = autostart_path("darwin", tmp_path)
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a plist")
    assert not is_enabled("darwin", tmp_path)


# -- Windows (registry faked; the real one is winreg on HKCU) ---------------------


class FakeRunKey:
    def __init__(self) -> None:
        self.values: dict[str, str] = {"OtherApp": "C:\\other.exe"}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, command: str) -> None:
        self.values[name] = command

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_run_key(tmp_path: Path) -> None:
    key = FakeRunKey()
    cmd = ["C:\\Program Files\\Integrate\\integrate.exe", "--minimized"]
    assert autostart_path("win32", tmp_path) is None
    assert not is_enabled("win32", tmp_path, run_key=key)

    assert enable_autostart("win32", tmp_path, cmd, neutral_name=False, run_key=key) is None
    assert key.values["Integrate"] == '"C:\\Program Files\\Integrate\\integrate.exe" --minimized'
    assert is_enabled("win32", tmp_path, run_key=key)

    # Switching to the neutral name leaves one entry, not two.
    enable_autostart("win32", tmp_path, cmd, neutral_name=True, run_key=key)
    assert set(key.values) == {"OtherApp", "Journal"}

    assert disable_autostart("win32", tmp_path, run_key=key) is True
    assert key.values == {"OtherApp": "C:\\other.exe"}  # other apps untouched
    assert disable_autostart("win32", tmp_path, run_key=key) is False
    assert list(tmp_path.iterdir()) == []


def test_windows_command_quoting() -> None:
    assert windows_run_command(["C:\\a b\\x.exe", "--minimized"]) == '"C:\\a b\\x.exe" --minimized'
