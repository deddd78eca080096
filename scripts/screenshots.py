"""Regenerate the README screenshots from demo data.

    xvfb-run -a -s "-screen 0 2560x1800x24" python scripts/screenshots.py [--out docs/screenshots]
        [--theme light|dark] [--scale 1|2] [--suffix -dark] [--font-pt 22] [--size 1100x760]
        [--seed 1]
    xvfb-run -a -s "-screen 0 2560x1800x24" python scripts/screenshots.py --all
        (light and dark at 100% and 200%: name.png, name-dark.png, name-200.png,
        name-dark-200.png; one process per combination, as the scale is fixed at start)

Creates a fresh demo journal in a temporary folder (passphrase-protected, no keyring),
opens the real window, visits every area and saves one PNG per screen. Screens that need
a particular state (a check-in open, the breathing exercise mid-way, a questionnaire
being answered, the share wizard's content step, Help, About) are staged by the
functions in STAGES; a stage that fails prints "skipped NAME" and the run goes on.
--font-pt stands in for a desktop font of that size (22 pt is twice the 11 pt design
base), to check that text wraps rather than being cut off; --size picks the window size
(the default is the window's own first-run size, 1100x760 at 11 pt); --seed gives the
same demo journal every run, to compare shots before and after a change.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

PASSPHRASE = "screenshot passphrase"


def _pump(app: object, rounds: int = 8) -> None:
    from PySide6.QtWidgets import QApplication

    from integrate.ui.base.worker import wait_for_background

    for _ in range(rounds):
        wait_for_background(5000)
        QApplication.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--theme", default="light", choices=["light", "dark"])
    parser.add_argument("--scale", default="1", choices=["1", "2"])
    parser.add_argument("--suffix", default="", help="added to every file name, e.g. -dark")
    parser.add_argument("--all", action="store_true", help="every theme and scale")
    parser.add_argument("--font-pt", type=float, default=0.0, help="desktop font size, e.g. 22")
    parser.add_argument("--size", default="", help="window size, e.g. 1100x760")
    parser.add_argument("--seed", type=int, help="the same demo journal every run (as of today)")
    args = parser.parse_args()
    if args.all:
        return _run_all(args.out)
    os.environ["QT_SCALE_FACTOR"] = args.scale
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:abstract=integrate-no-session-bus"

    from keyring.backends import fail
    from PySide6.QtWidgets import QApplication

    from integrate.app import build
    from integrate.demo import populate_demo
    from integrate.paths import VaultPaths
    from integrate.ui.base import theme
    from integrate.vault.keys import KdfParams
    from integrate.vault.keystore import Keystore
    from integrate.vault.vault import create_vault

    app = QApplication(sys.argv[:1])
    from PySide6.QtGui import QCursor

    if args.font_pt:
        # As if the desktop's own font were this size (theme.py reads it from there).
        theme.system_point_size = lambda: max(theme.MIN_POINT_SIZE, args.font_pt)
    size = tuple(int(n) for n in args.size.split("x")) if args.size else None

    QCursor.setPos(2500, 1750)  # off the window: no hover highlight in the shots
    theme.install_theme(app, None)
    theme.manager().set_choice(args.theme)  # type: ignore[union-attr]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    keystore = Keystore(backend=fail.Keyring())

    def save(widget: object, name: str) -> None:
        _pump(app)
        path = out / f"{name}{args.suffix}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(path)

    with tempfile.TemporaryDirectory() as tmp:
        # First run.
        window, controller = build(VaultPaths(Path(tmp) / "fresh"), keystore)
        if size:
            window.resize(*size)
        controller.start()
        window.show()
        save(window, "welcome")
        controller.shutdown()
        window.close()

        # The demo journal.
        paths = VaultPaths(Path(tmp) / "demo")
        created = create_vault(paths, keystore=None, passphrase=PASSPHRASE, kdf=KdfParams(n=2**14))
        populate_demo(created.vault, seed=args.seed)
        created.vault.close()
        window, controller = build(paths, keystore)
        if size:
            window.resize(*size)
        controller.start()
        window.show()
        _pump(app)
        save(window, "unlock")
        screen = window.screens.currentWidget()
        screen.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
        screen.unlock_button.click()  # type: ignore[attr-defined]
        for _ in range(50):
            _pump(app, 2)
            if window.shell is not None:
                break
        assert window.shell is not None, "unlock failed"
        for area in window.shell.areas:
            window.shell.show_area(area.key) if area.key in window.shell._pages else (
                window.shell.page(area.key),
                window.shell.show_area(area.key),
            )
            save(window, area.key)
            for name, stage in STAGES.get(area.key, []):
                try:
                    widget = stage(window)
                except Exception as exc:  # noqa: BLE001 - a missing screen skips its shot
                    print(f"skipped {name}: {exc}", file=sys.stderr)
                    continue
                save(widget or window, name)
            _close_dialogs(window)
        controller.show_help()
        _pump(app)
        dialog = window.findChild(object, "helpNowDialog")
        if dialog is not None:
            save(dialog, "help-now")
            dialog.close()
        controller.shutdown()
    return 0


def _run_all(out: str) -> int:
    import subprocess

    failed = 0
    for theme_name, scale in (("light", "1"), ("dark", "1"), ("light", "2"), ("dark", "2")):
        suffix = ("-dark" if theme_name == "dark" else "") + ("-200" if scale == "2" else "")
        cmd = [
            sys.executable,
            __file__,
            "--out",
            out,
            "--theme",
            theme_name,
            "--scale",
            scale,
            f"--suffix={suffix}",
        ]
        failed |= subprocess.run(cmd).returncode
    return failed


def _help_dialog(window: object) -> object:
    from PySide6.QtWidgets import QApplication

    from integrate.ui.shell.help import HelpDialog

    window.guide_requested.emit()  # type: ignore[attr-defined]
    QApplication.processEvents()
    dialog = window.findChild(HelpDialog, "helpDialog")  # type: ignore[attr-defined]
    dialog.open_topic("stored")
    return dialog


def _about_dialog(window: object) -> object:
    from PySide6.QtWidgets import QApplication

    from integrate.ui.shell.about import AboutDialog
    from integrate.ui.shell.help import HelpDialog

    help_dialog = window.findChild(HelpDialog, "helpDialog")  # type: ignore[attr-defined]
    help_dialog.show_about()
    QApplication.processEvents()
    about = help_dialog.findChild(AboutDialog)
    return about


def _appearance(window: object) -> object:
    from PySide6.QtWidgets import QApplication, QScrollArea

    from integrate.ui.settings.appearance_settings import AppearanceSection

    for dialog in QApplication.topLevelWidgets():
        if dialog is not window and dialog.isVisible():
            dialog.close()
    page = window.shell.page("settings")  # type: ignore[attr-defined]
    section = page.findChild(AppearanceSection)
    scroll = page.findChild(QScrollArea)
    scroll.ensureWidgetVisible(section)
    return None


def _checkin(window: object) -> object:
    """The newest Day 1 check-in in which the demo patient answered a prompt."""
    from integrate.core.model import CheckInState, Phase

    page = window.shell.page("today")  # type: ignore[attr-defined]
    repo = page.services.checkins
    answered = [
        c
        for c in repo.query(states=[CheckInState.DONE])
        if c.phase is Phase.DAY_1 and any(e.prompt_id for e in repo.entries_for(c.id))
    ]
    page.open_item(answered[-1].uid)
    assert page.checkin_view is not None, "no check-in opened"
    return None


def _player(window: object) -> object:
    """A breathing exercise at its pacer step, part-way through an in-breath."""
    import time

    from PySide6.QtWidgets import QApplication

    from integrate.core.exercises import StepKind
    from integrate.ui.coping import player as player_module
    from integrate.ui.coping.exercises import find_exercise

    now = [1000.0]  # a still clock: the shot shows one chosen moment of the breath
    player_module.default_clock = lambda: now[0]
    try:
        page = window.shell.page("exercises")  # type: ignore[attr-defined]
        dialog = page.start(find_exercise("extended_exhale"))
        dialog.suds_before.set_value(6)
        dialog.begin()
        while dialog.player.current_step.kind is not StepKind.BREATHING:
            dialog.next()
        now[0] += 2.6  # most of the way through the 4-second in-breath
        dialog.tick()
        QApplication.processEvents()
    finally:
        player_module.default_clock = time.monotonic
    return dialog


def _trends(window: object) -> object:
    """The Trends tab: the chart and its table twin."""
    page = window.shell.page("measures")  # type: ignore[attr-defined]
    page.go_home()
    page.tabs.setCurrentWidget(page.trends)
    return None


def _measure_form(window: object) -> object:
    """The PHQ-9 with the first answers chosen."""
    page = window.shell.page("measures")  # type: ignore[attr-defined]
    form = page.start("phq9")
    for number, value in ((1, 1), (2, 2), (3, 1)):
        form.set_answer(number, value)
    return None


def _share_wizard(window: object) -> object:
    """Step 2 of the wizard: what the therapist will see, flagged entries ticked."""
    page = window.shell.page("share")  # type: ignore[attr-defined]
    wizard = page.open_wizard()
    _pump(None)
    wizard.next_button.click()
    _pump(None)
    return wizard


def _share_preview(window: object) -> object:
    """Step 4 of the wizard: the real PDF's first page, as wide as the preview."""
    page = window.shell.page("share")  # type: ignore[attr-defined]
    wizard = page.open_wizard()
    _pump(None)
    for _ in range(3):
        wizard.next_button.click()
        _pump(None)
    from integrate.ui.base.worker import wait_for_background

    for _ in range(40):
        wait_for_background(500)
        _pump(None)
        if wizard.preview_step.page_count:
            break
    return wizard


def _reminder_banner(window: object) -> object:
    """The calm reminder bar under the top bar, as the reminder driver shows it when the
    demo's next check-in falls due, over Today (which lists it under "Now" at that moment)."""
    from datetime import timedelta

    from PySide6.QtWidgets import QApplication

    from integrate.core.reminders import ReminderText
    from integrate.ui.reminders.reminders import ReminderBanner, ReminderDriver

    page = window.shell.page("today")  # type: ignore[attr-defined]
    if page.checkin_view is not None:
        page.checkin_view.leave()  # back to Today's overview, under the banner
    window.shell.show_area("today")  # type: ignore[attr-defined]
    driver = page.services.findChild(ReminderDriver)  # lives as long as the unlocked journal
    if page.next_due is not None and driver is not None:
        # Two minutes after the next due time, for Today and the driver alike.
        moment = page.next_due + timedelta(minutes=2)
        page.clock = driver.clock = lambda: moment
        driver.service = driver._new_service()  # its service reads the same clock
        driver.refresh()
        driver.tick()
        page.refresh()
    else:  # no check-in coming: the banner's neutral default words in the same place
        banner = window.findChild(ReminderBanner)  # type: ignore[attr-defined]
        if banner is None:
            banner = ReminderBanner(window)  # type: ignore[arg-type]
            window.banner_area.addWidget(banner)  # type: ignore[attr-defined]
        banner.show_reminder(ReminderText().checkin, 0)
    QApplication.processEvents()
    return None


def _close_dialogs(window: object) -> None:
    """Leave no dialog of one area's stages over the next area's shots."""
    from PySide6.QtWidgets import QApplication, QDialog

    from integrate.ui.reminders.reminders import ReminderBanner

    for widget in QApplication.topLevelWidgets():
        if widget is not window and isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    for banner in window.findChildren(ReminderBanner):  # type: ignore[attr-defined]
        banner.dismiss()  # the reminder shot's banner stays out of the next shots
    _pump(None)


# area key -> [(file name, function(window) -> widget to grab or None for the window)]
STAGES: dict[str, list[tuple[str, Callable[[object], object]]]] = {
    "today": [("checkin", _checkin), ("reminder-banner", _reminder_banner)],
    "exercises": [("player", _player)],
    "measures": [("trends", _trends), ("measure-form", _measure_form)],
    "share": [("share-wizard", _share_wizard), ("share-preview", _share_preview)],
    "settings": [
        ("settings-appearance", _appearance),
        ("help", _help_dialog),
        ("about", _about_dialog),
    ],
}


if __name__ == "__main__":
    sys.exit(main())
