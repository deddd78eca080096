"""A second start for the same journal hands over to the running app instead of opening."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtNetwork import QLocalServer

from integrate.app import _hand_over_to_running, _instance_name
from integrate.paths import VaultPaths


def test_second_start_reaches_the_first(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    name = _instance_name(VaultPaths(tmp_path / "v"))
    assert name != _instance_name(VaultPaths(tmp_path / "other"))
    assert str(tmp_path) not in name  # nothing about the folder leaks into the socket name
    assert not _hand_over_to_running(name)  # nobody running yet
    server = QLocalServer()
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    assert server.listen(name)
    received: list[bytes] = []

    def accept() -> None:
        conn = server.nextPendingConnection()
        conn.waitForReadyRead(1000)
        received.append(bytes(conn.readAll().data()))

    server.newConnection.connect(accept)
    try:
        assert _hand_over_to_running(name)
        qtbot.waitUntil(lambda: bool(received), timeout=3000)
        assert received[0].startswith(b"show")
    finally:
        server.close()
