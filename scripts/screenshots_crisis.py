"""Screenshots of the crisis path (issue #14), light and dark, from demo data.

    xvfb-run -a -s "-screen 0 2560x1800x24" python scripts/screenshots_crisis.py \
        [--out docs/screenshots] [--theme light|dark] [--suffix -dark] [--font-pt 22]
    xvfb-run -a -s "-screen 0 2560x1800x24" python scripts/screenshots_crisis.py --all

Saves crisis-item9.png (PHQ-9 item 9 answered, with the demo safety plan),
crisis-item9-noplan.png (the same with no plan) and distress-followup.png (an exercise
that ended with distress still high), each with the given suffix. Kept apart from
scripts/screenshots.py so the crisis screens can be regenerated on their own.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PASSPHRASE = "screenshot passphrase"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--theme", default="light", choices=["light", "dark"])
    parser.add_argument("--suffix", default="")
    parser.add_argument("--font-pt", type=float, default=0.0)
    parser.add_argument("--all", action="store_true", help="light and dark")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.all:
        failed = 0
        for name, suffix in (("light", ""), ("dark", "-dark")):
            cmd = [sys.executable, __file__, "--out", args.out, "--theme", name]
            failed |= subprocess.run([*cmd, f"--suffix={suffix}"]).returncode
        return failed
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:abstract=integrate-no-session-bus"

    from keyring.backends import fail
    from PySide6.QtGui import QCursor
    from PySide6.QtWidgets import QApplication

    from integrate.app import build
    from integrate.demo import populate_demo
    from integrate.paths import VaultPaths
    from integrate.ui.base import theme
    from integrate.ui.base.worker import wait_for_background
    from integrate.vault.keys import KdfParams
    from integrate.vault.keystore import Keystore
    from integrate.vault.vault import create_vault

    app = QApplication(sys.argv[:1])
    if args.font_pt:
        theme.system_point_size = lambda: max(theme.MIN_POINT_SIZE, args.font_pt)
    QCursor.setPos(2500, 1750)
    theme.install_theme(app, None)
    theme.manager().set_choice(args.theme)  # type: ignore[union-attr]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def pump(rounds: int = 8) -> None:
        for _ in range(rounds):
            wait_for_background(5000)
            QApplication.processEvents()

    def save(widget: object, name: str) -> None:
        pump()
        path = out / f"{name}{args.suffix}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(path)

    with tempfile.TemporaryDirectory() as tmp:
        paths = VaultPaths(Path(tmp) / "demo")
        created = create_vault(paths, keystore=None, passphrase=PASSPHRASE, kdf=KdfParams(n=2**14))
        populate_demo(created.vault, seed=args.seed)
        created.vault.close()
        window, controller = build(paths, Keystore(backend=fail.Keyring()))
        controller.set_country("GB")  # the demo plan was made for the UK
        controller.start()
        window.show()
        pump()
        screen = window.screens.currentWidget()
        screen.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
        screen.unlock_button.click()  # type: ignore[attr-defined]
        for _ in range(50):
            pump(2)
            if window.shell is not None:
                break
        assert window.shell is not None, "unlock failed"
        services = controller.services
        assert services is not None
        page = window.shell.page("measures")
        window.shell.show_area("measures")

        form = page.start("phq9")
        form.set_answer(9, 1)
        pump()
        save(page.crisis_screen, "crisis-item9")
        page.crisis_screen.accept()
        page.go_home()
        pump()

        services.vault.conn.execute("DELETE FROM safety_plan")
        form = page.start("phq9")
        form.set_answer(9, 1)
        pump()
        save(page.crisis_screen, "crisis-item9-noplan")
        page.crisis_screen.accept()
        page.go_home()
        pump()

        from integrate.ui.coping.exercises import find_exercise
        from integrate.ui.coping.player import open_player

        player = open_player(services, find_exercise("orienting"), window)
        player.suds_before.set_value(7)
        player.begin()
        if player.pages.currentIndex() == player.PAGE_CAUTION:
            player.acknowledge_caution()
        while player.pages.currentIndex() == player.PAGE_STEP:
            player.next()
        player.suds_after.set_value(8)
        player.finish()
        save(player, "distress-followup")
        player.accept()
        controller.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
