"""Process hardening at start, for the window and every command-line verb.

A core dump of Integrate holds the vault key and whatever journal text was in memory
(issue 15: a GUI core file held the key three times), and systemd-coredump or apport
keep dumps by default on many desktops. So at start:

- `RLIMIT_CORE` is set to 0 (soft and hard: the process cannot raise it again);
- on Linux, `prctl(PR_SET_DUMPABLE, 0)`: no core dump even where the core pattern pipes
  to a helper, and other processes of the same user can no longer attach a debugger
  (ptrace) or read this process's memory through /proc.

`INTEGRATE_ALLOW_CORE_DUMPS=1` skips both, for debugging (README.md).
"""

from __future__ import annotations

import os
import sys

ALLOW_ENV = "INTEGRATE_ALLOW_CORE_DUMPS"
_PR_SET_DUMPABLE = 4


def disable_core_dumps() -> bool:
    """Turn core dumps (and, on Linux, ptrace by the same user) off for this process.
    Returns False when the environment asked to keep them. Best effort elsewhere:
    platforms without these calls are left as they are."""
    if os.environ.get(ALLOW_ENV) == "1":
        return False
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # Windows has no resource module
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    return True
