"""Run blocking work (keyring calls, key derivation, file I/O) off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


_live: set[_Relay] = set()  # keep relays alive until their result is delivered


def run_in_background(
    func: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Call `func` on the global thread pool; deliver its result on the GUI thread."""
    relay = _Relay()
    _live.add(relay)

    def finish_ok(value: Any) -> None:
        _live.discard(relay)
        on_done(value)

    def finish_err(exc: Any) -> None:
        _live.discard(relay)
        if on_error is not None:
            on_error(exc)
        else:
            raise exc

    relay.done.connect(finish_ok)
    relay.failed.connect(finish_err)

    def job() -> None:
        try:
            value = func()
        except BaseException as exc:  # delivered to the GUI thread
            relay.failed.emit(exc)
        else:
            relay.done.emit(value)

    QThreadPool.globalInstance().start(job)


def wait_for_background(msecs: int = 10_000) -> bool:
    """Block until background jobs finish (tests and shutdown)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
