"""Entry script for the PyInstaller bundle: the same command line as `integrate`."""

import sys

from integrate.cli import main

if __name__ == "__main__":
    sys.exit(main())
