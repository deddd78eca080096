"""`python -m integrate` runs the same command line as the `integrate` script."""

import sys

from integrate.cli import main

if __name__ == "__main__":
    sys.exit(main())
