"""Key slot file integrity: checksums verifiable without a secret, and a second copy
(issue 15, finding 3). Before: 3/3 byte flips inside the recovery slot passed `check`,
and the right recovery code then said "does not match"."""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_DAMAGED
from integrate.paths import VaultPaths
from integrate.vault.keys import KdfParams, KeySlots
from integrate.vault.slot_file import BACKUP_NAME, read_slots
from integrate.vault.vault import UnlockOutcome, unlock_with_passphrase, unlock_with_recovery

PASS = "a long passphrase"
FAST = KdfParams(n=2**14)


def _run(monkeypatch, capsys, args: list[str], stdin: str) -> tuple[int, str, str]:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def journal(tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring) -> tuple[Path, str]:  # noqa: ANN001
    folder = tmp_path / "v"
    code, out, _err = _run(
        monkeypatch, capsys, ["init", "--data-dir", str(folder), "--passphrase-stdin"], PASS + "\n"
    )
    assert code == 0
    recovery = out.split("keep it safe):")[1].split()[0]
    assert (folder / BACKUP_NAME).read_bytes() == (folder / "keyslots.json").read_bytes()
    return folder, recovery


def _recovery_span(text: str) -> tuple[int, int]:
    start = text.index('"recovery": {')
    return start + len('"recovery": '), text.index("}", start) + 1


def _flip_in_recovery_slot(path: Path, seed: int) -> int:
    text = path.read_text()
    start, end = _recovery_span(text)
    position = random.Random(seed).randrange(start, end)  # noqa: S311 - a test position
    data = bytearray(path.read_bytes())
    data[position] ^= 0x01
    path.write_bytes(bytes(data))
    return position


@pytest.mark.parametrize("seed", [11, 22, 33])
def test_check_reports_a_flip_in_the_recovery_slot_and_repairs_it(
    journal: tuple[Path, str],
    monkeypatch,
    capsys,
    seed: int,  # noqa: ANN001
) -> None:
    folder, recovery = journal
    primary = folder / "keyslots.json"
    intact = primary.read_bytes()
    position = _flip_in_recovery_slot(primary, seed)
    args = ["check", "--data-dir", str(folder), "--passphrase-stdin"]
    code, out, err = _run(monkeypatch, capsys, args, PASS + "\n")
    assert code == EXIT_DAMAGED, position
    assert "key slots:" in err and "repaired from the intact copy" in err
    assert "PROBLEMS FOUND" in out
    assert primary.read_bytes() == intact  # mended from the second copy
    code, out, _err = _run(monkeypatch, capsys, args, PASS + "\n")
    assert code == 0 and "Integrity: ok" in out
    result = unlock_with_recovery(VaultPaths(folder), recovery)
    assert result.ok
    result.vault.close()  # type: ignore[union-attr]


def test_without_the_repair_the_right_code_still_opens(journal: tuple[Path, str]) -> None:
    """Read from the intact copy even before anything is repaired."""
    folder, recovery = journal
    _flip_in_recovery_slot(folder / "keyslots.json", 5)
    result = unlock_with_recovery(VaultPaths(folder), recovery, take_lock=False)
    assert result.ok
    result.vault.close()  # type: ignore[union-attr]


def test_damage_in_both_copies_is_reported_and_a_new_code_mends_it(
    journal: tuple[Path, str],
    monkeypatch,
    capsys,  # noqa: ANN001
) -> None:
    folder, recovery = journal
    paths = VaultPaths(folder)
    for name in ("keyslots.json", BACKUP_NAME):
        text = (folder / name).read_text()
        start, _end = _recovery_span(text)
        salt = text.index('"salt": "', start) + len('"salt": "')
        (folder / name).write_text(
            text[:salt] + ("B" if text[salt] == "A" else "A") + text[salt + 1 :]
        )
    args = ["check", "--data-dir", str(folder), "--passphrase-stdin"]
    code, _out, err = _run(monkeypatch, capsys, args, PASS + "\n")
    assert code == EXIT_DAMAGED
    assert "recovery-code slot is damaged in every copy" in err and "make a new one" in err
    result = unlock_with_recovery(paths, recovery)
    assert result.outcome is UnlockOutcome.WRONG_SECRET
    assert "recovery-code slot" in result.message and "damaged" in result.message
    opened = unlock_with_passphrase(paths, PASS)
    assert opened.vault is not None and opened.vault.recovery_slot_damaged
    new_code = opened.vault.regenerate_recovery_code(FAST)
    opened.vault.close()
    code, out, _err = _run(monkeypatch, capsys, args, PASS + "\n")
    assert code == 0 and "Integrity: ok" in out
    result = unlock_with_recovery(paths, new_code)
    assert result.ok
    result.vault.close()  # type: ignore[union-attr]


@pytest.mark.parametrize("damage", ["garbage", "missing"])
def test_an_unreadable_or_missing_primary_is_replaced_from_the_copy(
    journal: tuple[Path, str], damage: str
) -> None:
    folder, _recovery = journal
    primary = folder / "keyslots.json"
    intact = primary.read_bytes()
    if damage == "garbage":
        primary.write_bytes(b"\x00" * 100)
    else:
        primary.unlink()
    paths = VaultPaths(folder)
    assert paths.exists()
    result = unlock_with_passphrase(paths, PASS)  # a writing open: it repairs
    assert result.ok
    result.vault.close()  # type: ignore[union-attr]
    assert primary.read_bytes() == intact


def test_a_file_from_before_checksums_gets_them_and_its_copy(journal: tuple[Path, str]) -> None:
    folder, recovery = journal
    primary = folder / "keyslots.json"
    raw = json.loads(primary.read_text())
    raw.pop("checksums")
    raw.pop("damaged_slots")
    primary.write_text(json.dumps(raw))
    (folder / BACKUP_NAME).unlink()
    assert not read_slots(VaultPaths(folder)).problems
    result = unlock_with_passphrase(VaultPaths(folder), PASS)
    assert result.ok
    result.vault.close()  # type: ignore[union-attr]
    assert "checksums" in json.loads(primary.read_text())
    assert (folder / BACKUP_NAME).read_bytes() == primary.read_bytes()
    assert unlock_with_recovery(VaultPaths(folder), recovery, take_lock=False).ok


def test_checksums_round_trip_and_catch_every_slot() -> None:
    from integrate.vault.keys import VaultKey

    key = VaultKey.generate()
    slots = KeySlots.new(key)
    slots.set_passphrase(key, PASS, FAST)
    slots.set_recovery(key, FAST)
    text = slots.to_json()
    assert KeySlots.from_json(text).damaged == set()
    for name in ("passphrase", "recovery"):
        raw = json.loads(text)
        raw[name]["n"] = raw[name]["n"] * 2  # a valid-looking change, caught by its sum
        assert KeySlots.from_json(json.dumps(raw)).damaged == {name}


def test_today_offers_a_new_recovery_code_when_its_slot_is_damaged(
    qtbot,
    tmp_path: Path,
    fast_kdf,  # noqa: ANN001
) -> None:
    from integrate.ui.settings.data_today import RecoveryCodeNotice
    from tests.ui.conftest import make_vault, start_app

    paths = make_vault(tmp_path / "v")
    for name in ("keyslots.json", BACKUP_NAME):
        path = paths.root / name
        raw = json.loads(path.read_text())
        raw["recovery"]["n"] = raw["recovery"]["n"] * 2
        path.write_text(json.dumps(raw))
    app = start_app(qtbot, paths)
    app.unlock()
    notices = app.window.findChildren(RecoveryCodeNotice)
    assert notices and "damaged" in notices[0].text.text()
    assert notices[0].make_button.isVisible()
    app.controller.shutdown()
