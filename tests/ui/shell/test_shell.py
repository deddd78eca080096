"""First run, unlock, lock and the always-visible help button, driven like a patient would."""

from __future__ import annotations

from pathlib import Path

from keyring.backends import fail

from integrate.ui.shell.main_window import Shell
from integrate.ui.shell.onboarding import Onboarding
from integrate.ui.shell.recovery import RecoveryScreen
from integrate.ui.shell.unlock import UnlockScreen
from integrate.vault.keystore import Keystore
from tests.ui.conftest import PASSPHRASE, make_vault, start_app


def test_first_run_creates_vault_with_passphrase_when_no_keyring(
    qtbot, tmp_path: Path, fast_kdf
) -> None:
    from integrate.paths import VaultPaths

    app = start_app(qtbot, VaultPaths(tmp_path / "new"), keystore=Keystore(backend=fail.Keyring()))
    screen = app.window.screens.currentWidget()
    assert isinstance(screen, Onboarding)
    screen.start_button.click()
    screen.country.setCurrentIndex(screen.country.findData("GB"))
    screen.country_next.click()
    # No keyring: a passphrase is required, and a mismatch is refused in plain words.
    screen.create_button.click()
    assert "choose a passphrase" in screen.protect_error.text()
    screen.pass1.setText("long enough pass")
    screen.pass2.setText("different pass!!")
    screen.create_button.click()
    assert "not the same" in screen.protect_error.text()
    screen.pass1.setText("long enough pass")
    screen.pass2.setText("long enough pass")
    screen.create_button.click()
    qtbot.waitUntil(lambda: bool(screen.code), timeout=10_000)
    code = screen.code
    assert not screen.done_button.isEnabled()
    screen.confirm.setText("XXXX")
    assert not screen.done_button.isEnabled()
    screen.confirm.setText(code.rsplit("-", 1)[-1].lower())
    assert screen.done_button.isEnabled()
    screen.done_button.click()
    assert isinstance(app.window.screens.currentWidget(), Shell)
    assert app.window.windowTitle() == "Integrate"
    assert app.controller.country == "GB"
    assert (tmp_path / "new" / "vault.db").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700
    app.controller.shutdown()


def test_unlock_wrong_then_right_passphrase_then_lock(qtbot, tmp_path: Path, fast_kdf) -> None:
    app = start_app(qtbot, make_vault(tmp_path / "v"))
    screen = app.window.screens.currentWidget()
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText("wrong one")
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=10_000)
    assert "did not unlock" in screen.status.text()
    assert screen.passphrase.text() == ""  # the secret does not linger in the field
    app.unlock(PASSPHRASE)
    services = app.services
    assert services.vault.is_open
    app.window.lock_button.click()
    app.settle()
    assert isinstance(app.window.screens.currentWidget(), UnlockScreen)
    assert not services.vault.is_open
    assert app.controller.services is None


def test_unlock_with_recovery_code(qtbot, tmp_path: Path, fast_kdf) -> None:
    from integrate.paths import VaultPaths
    from integrate.vault.vault import create_vault

    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASSPHRASE)
    created.vault.close()
    app = start_app(qtbot, paths)
    screen = app.window.screens.currentWidget()
    screen.use_recovery.click()
    screen.recovery.setText(created.recovery_code.replace("-", " ").lower())
    screen.recover_button.click()
    qtbot.waitUntil(lambda: app.window.shell is not None, timeout=10_000)
    app.controller.shutdown()


def test_help_button_on_every_screen(qtbot, tmp_path: Path, fast_kdf) -> None:
    app = start_app(qtbot, make_vault(tmp_path / "v"))
    for _ in range(2):  # on the unlock screen, then in the shell
        assert app.window.help_button.isVisible()
        app.window.help_button.click()
        dialog = app.window.findChild(object, "helpNowDialog")
        assert dialog is not None and dialog.isVisible()
        assert (
            "Nobody monitors this app" in dialog.findChild(object, "notice").text()
            if dialog.findChild(object, "notice")
            else True
        )
        dialog.close()
        dialog.deleteLater()
        app.settle()
        if app.window.shell is None:
            app.unlock()
    app.controller.shutdown()


def test_damaged_vault_opens_recovery_screen_and_changes_nothing(
    qtbot, tmp_path: Path, fast_kdf
) -> None:
    import hashlib

    paths = make_vault(tmp_path / "v", demo=True)
    data = bytearray(paths.db.read_bytes())
    data[4096 * 2 + 100] ^= 0xFF  # a byte inside page 3
    paths.db.write_bytes(bytes(data))
    before = hashlib.sha256(paths.db.read_bytes()).hexdigest()
    app = start_app(qtbot, paths)
    app.unlock_screen = app.window.screens.currentWidget()
    app.unlock_screen.passphrase.setText(PASSPHRASE)
    app.unlock_screen.unlock_button.click()
    qtbot.waitUntil(
        lambda: isinstance(app.window.screens.currentWidget(), RecoveryScreen), timeout=10_000
    )
    assert hashlib.sha256(paths.db.read_bytes()).hexdigest() == before
    app.controller.shutdown()


def test_damage_found_after_the_window_shows_closes_it_and_writes_nothing(
    qtbot, tmp_path: Path, fast_kdf
) -> None:
    """The HMAC check runs after Today paints; damage in a page Today never reads is
    found then: the journal closes for recovery and the file is not written meanwhile."""
    import hashlib

    from integrate.vault.vault import unlock_with_passphrase

    paths = make_vault(tmp_path / "v", demo=True)
    with unlock_with_passphrase(paths, PASSPHRASE).vault as vault:  # type: ignore[union-attr]
        # A long entry appended last: its pages are journal text, which Today never reads.
        vault.conn.execute(
            "INSERT INTO entries(uid, title, body, created_at, updated_at) VALUES "
            "('long', 't', ?, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
            ("word " * 20_000,),
        )
    data = bytearray(paths.db.read_bytes())
    data[-4096 + 300] ^= 0xFF  # a byte inside the last page
    paths.db.write_bytes(bytes(data))
    before = hashlib.sha256(paths.db.read_bytes()).hexdigest()
    app = start_app(qtbot, paths)
    entered: list[bool] = []
    app.controller.unlocked.connect(lambda: entered.append(True))
    screen = app.window.screens.currentWidget()
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    qtbot.waitUntil(
        lambda: isinstance(app.window.screens.currentWidget(), RecoveryScreen), timeout=10_000
    )
    assert entered == [True]  # Today was shown first: the check ran in the background
    assert app.controller.services is None and app.controller.reminders is None
    assert hashlib.sha256(paths.db.read_bytes()).hexdigest() == before
    wal = paths.db.with_name(paths.db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    app.controller.shutdown()


def test_nothing_is_written_until_the_background_check_passes(
    qtbot, tmp_path: Path, fast_kdf
) -> None:
    app = start_app(qtbot, make_vault(tmp_path / "v", demo=True))
    states: list[tuple[bool, bool]] = []

    def on_unlocked() -> None:
        vault = app.controller.services.vault  # type: ignore[union-attr]
        states.append((vault.verified, vault.writable))

    app.controller.unlocked.connect(on_unlocked)
    app.unlock()
    assert states == [(False, False)]  # Today was built and shown before the check
    vault = app.services.vault
    assert vault.verified and vault.writable  # the check passed: writes are allowed now
    assert app.controller.reminders is not None
    app.controller.shutdown()


def test_country_choice_reaches_the_command_line(running_app) -> None:
    """One place for the country: preferences.ini, which the CLI reads too (issue #14)."""
    from integrate.country_pref import read_country

    assert running_app.controller.country == "" == read_country(running_app.paths.root)
    running_app.controller.set_country("AU")
    assert read_country(running_app.paths.root) == "AU"


def test_structural_problem_found_after_unlock_closes_for_recovery(running_app) -> None:
    from integrate.vault.db import IntegrityReport

    vault = running_app.services.vault
    running_app.controller._structure_checked(IntegrityReport())
    assert running_app.controller.services is not None  # a clean report changes nothing
    running_app.controller._structure_checked(
        IntegrityReport(sqlite_problems=["Page 7: btreeInitPage() returns error code 11"])
    )
    assert not vault.is_open
    assert isinstance(running_app.window.screens.currentWidget(), RecoveryScreen)


def test_background_structure_check_runs_on_a_second_connection(running_app) -> None:
    report = running_app.services.vault.verify_structure()
    assert report.ok and running_app.services.vault.is_open


def _keyring_vault(tmp_path: Path):  # noqa: ANN202 - (paths, vault id)
    from integrate.paths import VaultPaths
    from integrate.vault.vault import create_vault

    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=Keystore(), passphrase=PASSPHRASE)
    vault_id = created.vault.id
    created.vault.close()
    return paths, vault_id


def test_key_read_while_qt_loaded_opens_today_without_the_unlock_screen(
    qtbot, tmp_path: Path, fast_kdf, secret_service
) -> None:
    paths, vault_id = _keyring_vault(tmp_path)
    keystore = Keystore()
    keystore.prefetch(vault_id)  # what integrate.startup does before Qt is imported
    qtbot.waitUntil(lambda: keystore.prefetched(vault_id), timeout=10_000)
    shown: list[str] = []
    from integrate.app import build

    window, controller = build(paths, keystore)
    qtbot.addWidget(window)
    window.screens.currentChanged.connect(
        lambda _i: shown.append(type(window.screens.currentWidget()).__name__)
    )
    controller.start()  # synchronously: the key is already here
    assert isinstance(window.screens.currentWidget(), Shell)
    assert "UnlockScreen" not in shown
    window.show()
    qtbot.waitUntil(lambda: controller.services is not None and controller.services.vault.writable)
    controller.shutdown()


def test_a_prefetched_failure_shows_the_unlock_screen_with_its_message(
    qtbot, tmp_path: Path, fast_kdf, secret_service
) -> None:
    paths, vault_id = _keyring_vault(tmp_path)
    assert Keystore().delete(vault_id).ok  # the keyring lost the key
    keystore = Keystore()
    keystore.prefetch(vault_id)
    qtbot.waitUntil(lambda: keystore.prefetched(vault_id), timeout=10_000)
    from integrate.app import build

    window, controller = build(paths, keystore)
    qtbot.addWidget(window)
    controller.start()
    screen = window.screens.currentWidget()
    assert isinstance(screen, UnlockScreen)
    assert "no longer holds" in screen.status.text()
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: window.shell is not None, timeout=10_000)
    controller.shutdown()
