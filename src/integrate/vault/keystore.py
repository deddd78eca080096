"""A small interface of our own over `keyring`, with distinct outcomes.

Only real OS keystores count: Secret Service (GNOME Keyring, KWallet's
Secret Service), KWallet, macOS Keychain and Windows Credential Locker. The
`fail` backend, plaintext and `keyrings.alt` backends are refused, so a key
never silently lands in a file.

Every keyring call runs on a daemon thread with a timeout: D-Bus can hang
(a locked collection may wait forever for a prompt), and a hung call must not
freeze the app or keep the process alive at exit.

Start-up: importing `keyring` and letting it detect its backend costs ~0.1 s (it
imports every backend module; the macOS one even searches for a library). On Linux,
when nothing chose a backend (no PYTHON_KEYRING_BACKEND, no keyringrc.cfg, none set in
this process), `fetch` first reads the key straight from the Secret Service through
`secretstorage` - the same lookup keyring's SecretService backend does, on the same
items - and only falls back to keyring's normal detection when that finds nothing or
anything is unusual (no service, locked, an error).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

SERVICE = "integrate"
DEFAULT_TIMEOUT = 8.0
SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"  # noqa: S105 - a class name

SECURE_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
    }
)

T = TypeVar("T")


class KeystoreOutcome(StrEnum):
    OK = "ok"
    MISSING = "missing"  # the keystore works but holds no key for this vault
    NO_KEYSTORE = "no_keystore"  # no usable backend at all
    INSECURE = "insecure"  # only a plaintext/alt backend is configured: refused
    LOCKED = "locked"  # the keystore exists but is locked
    TIMEOUT = "timeout"  # the keystore did not answer in time
    ERROR = "error"  # any other keystore failure


@dataclass(frozen=True)
class KeystoreResult:
    outcome: KeystoreOutcome
    backend: str
    secret: str | None = None
    detail: str = ""  # never contains a secret

    def __repr__(self) -> str:  # the secret stays out of reprs and logs
        return f"KeystoreResult({self.outcome}, backend={self.backend!r}, detail={self.detail!r})"

    @property
    def ok(self) -> bool:
        return self.outcome is KeystoreOutcome.OK


def backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _call_with_timeout(func: Callable[[], T], timeout: float) -> T:
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = func()
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, name="keystore-call", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


class Keystore:
    """The OS keystore, or the reason it cannot be used."""

    def __init__(
        self,
        service: str = SERVICE,
        timeout: float = DEFAULT_TIMEOUT,
        backend: object | None = None,
    ) -> None:
        self.service = service
        self.timeout = timeout
        self._backend = backend
        self._prefetch: tuple[str, threading.Thread, dict[str, KeystoreResult]] | None = None

    # -- backend selection

    def _resolve(self) -> tuple[object | None, str, KeystoreOutcome | None]:
        """The secure backend to use, its name, or the outcome explaining why not."""
        import keyring
        from keyring.backends import chainer, fail

        if self._backend is not None:
            name = backend_name(self._backend)
            if isinstance(self._backend, fail.Keyring):
                return None, name, KeystoreOutcome.NO_KEYSTORE
            return (
                self._backend,
                name,
                None if name in SECURE_BACKENDS else KeystoreOutcome.INSECURE,
            )

        try:
            current = _call_with_timeout(keyring.get_keyring, self.timeout)
        except TimeoutError:
            return None, "", KeystoreOutcome.TIMEOUT
        except Exception:  # noqa: BLE001 - a broken bus/backend config means "no keystore"
            return None, "", KeystoreOutcome.NO_KEYSTORE
        candidates = current.backends if isinstance(current, chainer.ChainerBackend) else [current]
        for candidate in candidates:
            if backend_name(candidate) in SECURE_BACKENDS:
                self._backend = candidate
                return candidate, backend_name(candidate), None
        name = backend_name(current)
        if isinstance(current, fail.Keyring) or not candidates:
            return None, name, KeystoreOutcome.NO_KEYSTORE
        return None, name, KeystoreOutcome.INSECURE

    def describe(self) -> str:
        """A human name for the keystore in use (for settings and messages)."""
        _backend, name, problem = self._resolve()
        if problem:
            return "none"
        return {
            "keyring.backends.SecretService.Keyring": "Secret Service (GNOME Keyring / KWallet)",
            "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
            "keyring.backends.kwallet.DBusKeyring": "KWallet",
            "keyring.backends.macOS.Keyring": "macOS Keychain",
            "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Locker",
        }.get(name, name)

    def backend_name(self) -> str:
        return self._resolve()[1]

    # -- operations

    def _run(self, op: Callable[[Any], T]) -> tuple[T | None, KeystoreResult]:
        started = time.monotonic()
        backend, name, problem = self._resolve()
        if problem is not None:
            return None, KeystoreResult(problem, name, detail=_explain(problem))
        from keyring import errors

        # One budget for finding the backend and the call: a hung daemon answers neither,
        # and the caller was promised an answer within `timeout`.
        remaining = max(0.5, self.timeout - (time.monotonic() - started))
        try:
            value = _call_with_timeout(lambda: op(backend), remaining)
        except TimeoutError:
            return None, KeystoreResult(
                KeystoreOutcome.TIMEOUT, name, detail=_explain(KeystoreOutcome.TIMEOUT)
            )
        except errors.KeyringLocked:
            return None, KeystoreResult(
                KeystoreOutcome.LOCKED, name, detail=_explain(KeystoreOutcome.LOCKED)
            )
        except errors.NoKeyringError:
            return None, KeystoreResult(
                KeystoreOutcome.NO_KEYSTORE, name, detail=_explain(KeystoreOutcome.NO_KEYSTORE)
            )
        except errors.InitError as exc:
            # Secret Service raises InitError when the collection is locked and no
            # prompt can be shown ("Prompt dismissed"); other init failures mean no
            # usable keystore.
            text = str(exc).lower()
            outcome = (
                KeystoreOutcome.LOCKED
                if "lock" in text or "prompt" in text
                else KeystoreOutcome.NO_KEYSTORE
            )
            return None, KeystoreResult(outcome, name, detail=_explain(outcome))
        except (errors.KeyringError, OSError) as exc:
            return None, KeystoreResult(
                KeystoreOutcome.ERROR,
                name,
                detail=f"{_explain(KeystoreOutcome.ERROR)} ({type(exc).__name__})",
            )
        return value, KeystoreResult(KeystoreOutcome.OK, name)

    def prefetch(self, account: str) -> None:
        """Start reading `account`'s secret now, on a daemon thread; the next `fetch(account)`
        takes that result (once). At start-up the keyring's D-Bus round trips then overlap
        with importing Qt instead of following it."""
        if self._prefetch is not None:
            return
        box: dict[str, KeystoreResult] = {}

        def run() -> None:
            box["result"] = self._fetch_now(account)

        thread = threading.Thread(target=run, name="keystore-prefetch", daemon=True)
        self._prefetch = (account, thread, box)
        thread.start()

    def prefetched(self, account: str) -> bool:
        """Whether a prefetch of `account` has finished (its fetch will not wait)."""
        return (
            self._prefetch is not None
            and self._prefetch[0] == account
            and not self._prefetch[1].is_alive()
        )

    def fetch(self, account: str) -> KeystoreResult:
        """Read the secret stored for `account` (a vault id)."""
        if self._prefetch is not None and self._prefetch[0] == account:
            _account, thread, box = self._prefetch
            self._prefetch = None
            thread.join(2 * self.timeout + 1)  # at most two timed calls inside
            if "result" in box:
                return box.pop("result")
        return self._fetch_now(account)

    def _fetch_now(self, account: str) -> KeystoreResult:
        if self._backend is None and _direct_secret_service_allowed():
            try:
                secret = _call_with_timeout(
                    lambda: _secret_service_lookup(self.service, account), self.timeout
                )
            except TimeoutError:  # the daemon hangs: keyring would wait on it the same way
                return KeystoreResult(
                    KeystoreOutcome.TIMEOUT,
                    SECRET_SERVICE_BACKEND,
                    detail=_explain(KeystoreOutcome.TIMEOUT),
                )
            except Exception:  # noqa: BLE001 - anything unusual: keyring's own detection
                secret = None
            if secret is not None:
                return KeystoreResult(KeystoreOutcome.OK, SECRET_SERVICE_BACKEND, secret=secret)
        value, result = self._run(lambda b: b.get_password(self.service, account))
        if not result.ok:
            return result
        if value is None:
            return KeystoreResult(
                KeystoreOutcome.MISSING, result.backend, detail=_explain(KeystoreOutcome.MISSING)
            )
        return KeystoreResult(KeystoreOutcome.OK, result.backend, secret=value)

    def store(self, account: str, secret: str) -> KeystoreResult:
        _value, result = self._run(lambda b: b.set_password(self.service, account, secret))
        return result

    def delete(self, account: str) -> KeystoreResult:
        from keyring import errors

        def op(b: Any) -> None:
            with contextlib.suppress(errors.PasswordDeleteError):  # already gone is fine
                b.delete_password(self.service, account)

        _value, result = self._run(op)
        return result


def _direct_secret_service_allowed() -> bool:
    """True when keyring's detection would be asked to choose freely on Linux: no backend
    named in the environment or keyring's config file, none set in this process."""
    if not sys.platform.startswith("linux") or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return False
    core = sys.modules.get("keyring.core")
    if core is not None and getattr(core, "_keyring_backend", None) is not None:
        return False
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(
        os.path.expanduser("~"), ".config"
    )
    return not os.path.exists(os.path.join(config_home, "python_keyring", "keyringrc.cfg"))


def _secret_service_lookup(service: str, account: str) -> str | None:
    """The secret keyring's SecretService backend stores for (service, account): same
    attributes, default collection. None when it is not there; raises when the service is
    missing, the collection or item is locked (keyring's path prompts to unlock)."""
    from contextlib import closing

    import secretstorage
    from secretstorage.collection import Collection

    with closing(secretstorage.dbus_init()) as connection:
        collection = Collection(connection)  # the "default" alias, never created here
        if collection.is_locked():
            raise PermissionError("the collection is locked")
        for item in collection.search_items({"service": service, "username": account}):
            if item.is_locked():
                raise PermissionError("the item is locked")
            return item.get_secret().decode("utf-8")
    return None


def _explain(outcome: KeystoreOutcome) -> str:
    return {
        KeystoreOutcome.OK: "",
        KeystoreOutcome.MISSING: "The system keyring holds no key for this journal.",
        KeystoreOutcome.NO_KEYSTORE: "No system keyring is available on this computer.",
        KeystoreOutcome.INSECURE: "The only keyring available stores secrets unencrypted, so "
        "Integrate will not use it.",
        KeystoreOutcome.LOCKED: "The system keyring is locked. Unlock it (for example by "
        "logging in to your desktop) and try again.",
        KeystoreOutcome.TIMEOUT: "The system keyring did not answer in time.",
        KeystoreOutcome.ERROR: "The system keyring reported an error.",
    }[outcome]
