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
