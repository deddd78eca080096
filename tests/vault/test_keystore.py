"""The keystore wrapper against a real Secret Service, and its refusals."""

from __future__ import annotations

import pytest
from keyring.backends import fail

from integrate.vault.keystore import Keystore, KeystoreOutcome


@pytest.mark.keyring
def test_store_fetch_delete_with_real_secret_service(secret_service) -> None:
    store = Keystore(service="integrate-test")
    assert store.describe().startswith("Secret Service")
    assert store.store("acct", "a" * 64).ok
    assert store.fetch("acct").secret == "a" * 64
    assert secret_service.lookup("integrate-test", "acct") == "a" * 64
    assert store.delete("acct").ok
    assert store.fetch("acct").outcome is KeystoreOutcome.MISSING


def test_no_backend_is_reported_as_no_keystore(no_keyring) -> None:
    result = Keystore().fetch("x")
    assert result.outcome is KeystoreOutcome.NO_KEYSTORE
    assert Keystore().describe() == "none"


def test_fail_backend_injected_is_no_keystore() -> None:
    assert Keystore(backend=fail.Keyring()).store("x", "y").outcome is KeystoreOutcome.NO_KEYSTORE


def test_plaintext_backends_are_refused() -> None:
    class PlaintextKeyring:  # stands in for keyrings.alt.file.PlaintextKeyring
        def get_password(self, service: str, user: str) -> str:
            return "leaked"

    result = Keystore(backend=PlaintextKeyring()).fetch("x")
    assert result.outcome is KeystoreOutcome.INSECURE
    assert result.secret is None


def test_hung_backend_times_out() -> None:
    import threading

    release = threading.Event()

    class Hanging:
        def get_password(self, service: str, user: str) -> str:
            release.wait(5)
            return "late"

    Hanging.__module__ = "keyring.backends.SecretService"
    Hanging.__qualname__ = "Keyring"
    try:
        result = Keystore(backend=Hanging(), timeout=0.2).fetch("x")
        assert result.outcome is KeystoreOutcome.TIMEOUT
    finally:
        release.set()


def test_result_repr_hides_secret() -> None:
    from integrate.vault.keystore import KeystoreResult

    r = KeystoreResult(KeystoreOutcome.OK, "b", secret="s3cr3t-value")
    assert "s3cr3t" not in repr(r)


@pytest.mark.keyring
def test_locked_keyring_is_reported_as_locked(locked_secret_service) -> None:
    store = Keystore(timeout=5)
    assert store.fetch("x").outcome is KeystoreOutcome.LOCKED
    result = store.store("x", "y")
    assert result.outcome is KeystoreOutcome.LOCKED
    assert "locked" in result.detail


_DIRECT_FETCH = """
import json, sys
from integrate.vault.keystore import Keystore
result = Keystore(service=sys.argv[1]).fetch(sys.argv[2])
print(json.dumps({"outcome": str(result.outcome), "backend": result.backend,
                  "secret": result.secret, "keyring_imported": "keyring" in sys.modules}))
"""


def _fetch_in_fresh_process(secret_service, service: str, account: str, **env: str) -> dict:  # noqa: ANN001
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", _DIRECT_FETCH, service, account],
        env={**secret_service.env(), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.keyring
def test_start_up_reads_the_key_straight_from_the_secret_service(secret_service) -> None:
    """A fresh process (what start-up is) reads what keyring stored without importing
    keyring or scanning its backends; what it does not find goes through keyring."""
    store = Keystore(service="integrate-direct")
    assert store.store("vault-a", "ab" * 32).ok
    got = _fetch_in_fresh_process(secret_service, "integrate-direct", "vault-a")
    assert got == {
        "outcome": "ok",
        "backend": "keyring.backends.SecretService.Keyring",
        "secret": "ab" * 32,
        "keyring_imported": False,
    }
    # Missing: keyring's normal detection has the last word (and says "missing").
    missing = _fetch_in_fresh_process(secret_service, "integrate-direct", "vault-b")
    assert missing["outcome"] == "missing" and missing["keyring_imported"] is True
    # A backend chosen through the environment is honoured: no direct read.
    chosen = _fetch_in_fresh_process(
        secret_service,
        "integrate-direct",
        "vault-a",
        PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring",
    )
    assert chosen["outcome"] == "ok" and chosen["keyring_imported"] is True
    assert store.delete("vault-a").ok


@pytest.mark.keyring
def test_direct_read_of_a_locked_keyring_falls_back_to_keyring(
    locked_secret_service, monkeypatch
) -> None:
    import keyring.core

    from integrate.vault import keystore

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # as in a fresh process
    assert keystore._direct_secret_service_allowed()
    # Never unlocked: no usable default collection, so the direct read gives up ...
    with pytest.raises(Exception):  # noqa: B017, PT011 - locked or missing, both mean "ask keyring"
        keystore._secret_service_lookup("integrate", "x")
    # ... and keyring's own path reports the locked keyring as before.
    assert Keystore(timeout=5).fetch("x").outcome is KeystoreOutcome.LOCKED


def test_prefetch_result_is_taken_once_by_the_next_fetch_of_that_account(monkeypatch) -> None:
    import threading

    from integrate.vault.keystore import KeystoreResult

    calls: list[tuple[str, str]] = []

    def fake_fetch_now(self: Keystore, account: str) -> KeystoreResult:
        calls.append((account, threading.current_thread().name))
        return KeystoreResult(KeystoreOutcome.OK, "b", secret=f"secret-{account}")

    monkeypatch.setattr(Keystore, "_fetch_now", fake_fetch_now)
    store = Keystore()
    store.prefetch("a")
    assert store.fetch("b").secret == "secret-b"  # another account: not the prefetched one
    assert store.fetch("a").secret == "secret-a"
    assert store.fetch("a").secret == "secret-a"  # asked again: read again
    assert calls[0] == ("a", "keystore-prefetch") or calls[1] == ("a", "keystore-prefetch")
    assert [c for c in calls if c[1] == "keystore-prefetch"] == [("a", "keystore-prefetch")]
    assert len(calls) == 3


def test_window_start_prefetches_only_for_a_vault_with_a_keyring_slot(
    tmp_path, monkeypatch, fast_kdf
) -> None:
    from integrate.paths import VaultPaths
    from integrate.startup import keystore_reading_key
    from integrate.vault.vault import create_vault

    monkeypatch.setattr(
        Keystore, "prefetch", lambda self, account: setattr(self, "_asked", account)
    )
    assert not hasattr(keystore_reading_key(str(tmp_path / "none")), "_asked")
    paths = VaultPaths(tmp_path / "pass")
    created = create_vault(paths, keystore=None, passphrase="a long passphrase")
    created.vault.close()
    assert not hasattr(keystore_reading_key(str(paths.root)), "_asked")
    raw = paths.keyslots.read_text()
    import json

    data = json.loads(raw)
    data["keyring"] = {"backend": "keyring.backends.SecretService.Keyring", "service": "integrate"}
    paths.keyslots.write_text(json.dumps(data))
    assert keystore_reading_key(str(paths.root))._asked == data["vault_id"]
