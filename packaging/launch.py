"""Entry script for the PyInstaller bundle: the same command line as `integrate`."""

import os
import sys

from integrate.cli import main

if __name__ == "__main__":
    # A windowed program on Windows (integrate-gui.exe) or macOS starts without standard
    # streams; writes to them must go nowhere rather than fail.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    sys.exit(main())
