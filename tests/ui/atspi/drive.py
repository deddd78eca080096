"""Show every main screen and dialog of the real app and let walk.py read each one over
AT-SPI. Run inside a D-Bus session under Xvfb (tests/ui/test_atspi.py does):

    dbus-run-session -- xvfb-run -a python drive.py OUT_DIR

Starts the accessibility bus, opens a demo journal with QT_LINUX_ACCESSIBILITY_ALWAYS_ON,
and writes OUT_DIR/<screen>.json (the walker's nodes) for each screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"
PASSPHRASE = "accessibility walk"


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    os.environ["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    os.environ.pop("QT_QPA_PLATFORM", None)  # the real X server, not offscreen
    bus = subprocess.Popen(
        ["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    try:
        return _run(out)
    finally:
        bus.terminate()
        bus.wait(timeout=5)


def _run(out: Path) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    import screenshots as stages  # the same staged screens the screenshots show
    from keyring.backends import fail
    from PySide6.QtWidgets import QApplication

    from integrate.app import build
    from integrate.demo import populate_demo
    from integrate.paths import VaultPaths
    from integrate.ui import theme
    from integrate.ui.worker import wait_for_background
    from integrate.vault.keys import KdfParams
    from integrate.vault.keystore import Keystore
    from integrate.vault.vault import create_vault

    app = QApplication(["integrate"])
    app.setApplicationName("Integrate")
    theme.install_theme(app, None)

    def pump(rounds: int = 6) -> None:
        for _ in range(rounds):
            wait_for_background(5000)
            app.processEvents()

    def walk(name: str) -> None:
        pump()
        time.sleep(0.2)  # let the accessibility bridge send its updates
        pump()
        target = out / f"{name}.json"
        proc = subprocess.Popen(
            [SYSTEM_PYTHON, str(HERE / "walk.py"), "Integrate", str(target)],
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        )
        deadline = time.monotonic() + 60
        while proc.poll() is None:  # the app answers the walker's questions meanwhile
            app.processEvents()
            time.sleep(0.005)
            if time.monotonic() > deadline:
                proc.kill()
                break
        print(f"walked {name}", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        paths = VaultPaths(Path(tmp) / "demo")
        created = create_vault(paths, keystore=None, passphrase=PASSPHRASE, kdf=KdfParams(n=2**14))
        populate_demo(created.vault, seed=7)
        created.vault.close()
        window, controller = build(paths, Keystore(backend=fail.Keyring()))
        window.resize(1100, 760)
        controller.start()
        window.show()
        pump()
        walk("unlock")
        screen = window.screens.currentWidget()
        screen.passphrase.setText(PASSPHRASE)
        screen.unlock_button.click()
        for _ in range(100):
            pump(2)
            if window.shell is not None:
                break
        shell = window.shell
        assert shell is not None, "unlock failed"
        for area in shell.areas:
            shell.page(area.key)
            shell.show_area(area.key)
            walk(f"area-{area.key}")
        shell.show_area("today")
        controller.show_help()
        pump()
        walk("dialog-help-now")
        stages._close_dialogs(window)
        help_dialog = stages._help_dialog(window)
        walk("dialog-help")
        help_dialog.close()
        wizard = stages._share_wizard(window)
        walk("dialog-share-wizard")
        wizard.reject()
        pump()
        _pacer(window, walk, pump)
        stages._close_dialogs(window)
        controller.shutdown()
    (out / "done").write_text(json.dumps({"ok": True}))
    return 0


def _pacer(window, walk, pump) -> None:  # noqa: ANN001
    """The breathing exercise read twice: in the in-breath, then in the out-breath."""
    from integrate.core.exercises import StepKind
    from integrate.ui import player as player_module
    from integrate.ui.exercises import find_exercise

    now = [1000.0]
    player_module.default_clock = lambda: now[0]
    page = window.shell.page("exercises")
    dialog = page.start(find_exercise("extended_exhale"))
    dialog.suds_before.set_value(6)
    dialog.begin()
    while dialog.player.current_step.kind is not StepKind.BREATHING:
        dialog.next()
    now[0] += 1.0
    dialog.tick()
    walk("dialog-player-in")
    now[0] += 3.5  # past the 4-second in-breath
    dialog.tick()
    walk("dialog-player-out")
    dialog.reject()
    pump()


if __name__ == "__main__":
    sys.exit(main())
