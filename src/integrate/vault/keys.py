"""The vault key and its slots (like a disk-encryption header).

The database is encrypted with a random 256-bit key. That key is never derived
from anything the patient types; instead copies of it are kept in *slots*:

- the OS keyring (see `keystore.py`), holding the key itself;
- a passphrase slot and a recovery-code slot, each holding the key wrapped
  with AES-256-GCM under a key derived by scrypt from the secret.

`keyslots.json` beside the database stores only wrapped keys, KDF parameters
and a key check value (an HMAC of a constant under the key, which reveals
nothing usable about the key but tells "wrong key" apart from "damaged file").

Each slot, and the header (vault id, key check, extra), carries a SHA-256 checksum in
`checksums`, so damage is found without any secret: a slot whose checksum fails is
*damaged* (left out, named in `KeySlots.damaged`) instead of failing later as "wrong
code". `vault/slot_file.py` keeps a second copy of the file and repairs one from the
other.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from integrate.paths import write_private_atomic

KEY_BYTES = 32
SLOTS_FORMAT = 1
SLOT_NAMES = ("keyring", "passphrase", "recovery")
_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")


class KeySlotError(Exception):
    """The key slot file is missing, unreadable or malformed."""


class WrongSecret(Exception):  # noqa: N818 - reads better at call sites
    """A passphrase or recovery code did not unwrap the key."""


class VaultKey:
    """A 256-bit vault key. Its repr never shows the key."""

    __slots__ = ("_raw",)

    def __init__(self, raw: bytes) -> None:
        if len(raw) != KEY_BYTES:
            raise ValueError("A vault key is exactly 32 bytes.")
        self._raw = bytes(raw)

    @classmethod
    def generate(cls) -> VaultKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def from_hex(cls, text: str) -> VaultKey:
        """Parse 64 lower-case hex characters (as kept in the keyring)."""
        cleaned = text.strip().lower()
        if not _HEX_KEY.match(cleaned):
            raise ValueError("The stored key is not 64 hexadecimal characters.")
        return cls(bytes.fromhex(cleaned))

    @property
    def raw(self) -> bytes:
        return self._raw

    def hex(self) -> str:
        return self._raw.hex()

    def sqlcipher_pragma_value(self) -> str:
        """The `x'..'` raw-key literal for PRAGMA key/rekey (validated hex only)."""
        value = self.hex()
        assert _HEX_KEY.match(value)  # PRAGMA takes no bound parameters
        return f"\"x'{value}'\""

    def check_value(self, vault_id: str) -> str:
        """Key check value: lets us tell a wrong key from a damaged database."""
        return hmac.new(
            self._raw, b"integrate-key-check:" + vault_id.encode(), hashlib.sha256
        ).hexdigest()[:32]

    def __repr__(self) -> str:
        return "VaultKey(<redacted>)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VaultKey) and hmac.compare_digest(self._raw, other._raw)

    def __hash__(self) -> int:
        return hash(self._raw)


# ----- KDF and wrapping ---------------------------------------------------------------


@dataclass(frozen=True)
class KdfParams:
    """scrypt parameters. Defaults: 2**17 x 8 x 1 = 128 MiB, ~0.3-0.5 s on a laptop."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def validate(self) -> None:
        if (
            self.n < 2**14
            or self.n & (self.n - 1)
            or not 1 <= self.r <= 32
            or not 1 <= self.p <= 16
        ):
            raise KeySlotError("The key slot's scrypt parameters are out of the accepted range.")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class WrappedKey:
    """A vault key encrypted under a secret-derived key (AES-256-GCM)."""

    salt: str
    nonce: str
    ciphertext: str
    kdf: str = "scrypt"
    n: int = KdfParams.n
    r: int = KdfParams.r
    p: int = KdfParams.p

    @classmethod
    def wrap(cls, key: VaultKey, secret: str, aad: bytes, params: KdfParams) -> WrappedKey:
        params.validate()
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        kek = _derive(secret, salt, params)
        ct = AESGCM(kek).encrypt(nonce, key.raw, aad)
        return cls(
            salt=_b64(salt),
            nonce=_b64(nonce),
            ciphertext=_b64(ct),
            n=params.n,
            r=params.r,
            p=params.p,
        )

    def unwrap(self, secret: str, aad: bytes) -> VaultKey:
        params = KdfParams(self.n, self.r, self.p)
        params.validate()
        if self.kdf != "scrypt":
            raise KeySlotError(f"Unknown key derivation {self.kdf!r} in the key slot file.")
        try:
            kek = _derive(secret, _unb64(self.salt), params)
            raw = AESGCM(kek).decrypt(_unb64(self.nonce), _unb64(self.ciphertext), aad)
        except InvalidTag as exc:
            raise WrongSecret from exc
        except (ValueError, TypeError) as exc:
            raise KeySlotError("A key slot is damaged and cannot be read.") from exc
        return VaultKey(raw)


def _derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    # NFC so the same passphrase typed on another keyboard/OS derives the same key.
    import unicodedata

    material = unicodedata.normalize("NFC", secret).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=params.n, r=params.r, p=params.p).derive(material)


# ----- recovery codes ------------------------------------------------------------------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_DATA_CHARS = 30  # 150 bits of randomness
_RECOVERY_CHECK_CHARS = 2  # catches typos before the slow key derivation


def new_recovery_code() -> str:
    """A fresh code: 32 Crockford base32 characters in 8 groups of 4 (150 random bits)."""
    data = "".join(secrets.choice(_CROCKFORD) for _ in range(_RECOVERY_DATA_CHARS))
    return format_recovery_code(data + _recovery_check(data))


def _recovery_check(data: str) -> str:
    digest = hashlib.sha256(data.encode("ascii")).digest()
    value = int.from_bytes(digest[:2], "big")
    return _CROCKFORD[value % 32] + _CROCKFORD[(value // 32) % 32]


def normalise_recovery_code(text: str) -> str:
    """Upper-case, drop spaces/dashes, read I/L as 1 and O as 0 (Crockford rules)."""
    cleaned = re.sub(r"[\s\-]", "", text).upper()
    return cleaned.translate(str.maketrans("ILO", "110"))


def recovery_code_looks_valid(text: str) -> bool:
    """Length, alphabet and check characters are right (says nothing about the vault)."""
    code = normalise_recovery_code(text)
    if len(code) != _RECOVERY_DATA_CHARS + _RECOVERY_CHECK_CHARS:
        return False
    if any(ch not in _CROCKFORD for ch in code):
        return False
    return _recovery_check(code[:_RECOVERY_DATA_CHARS]) == code[_RECOVERY_DATA_CHARS:]


def format_recovery_code(text: str) -> str:
    code = normalise_recovery_code(text)
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


# ----- the slot file ---------------------------------------------------------------------


@dataclass
class KeyringSlot:
    service: str
    backend: str  # fully qualified backend class name at the time the key was stored


def _digest(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _checksums(raw: dict[str, Any]) -> dict[str, str]:
    """SHA-256 of each slot and of the header, as stored in the file's `checksums`."""
    header = {
        k: raw.get(k)
        for k in ("vault_id", "key_check", "created_at", "format", "extra", "damaged_slots")
    }
    sums = {name: _digest(raw.get(name)) for name in SLOT_NAMES}
    sums["header"] = _digest(header)
    return sums


@dataclass
class KeySlots:
    """Contents of keyslots.json."""

    vault_id: str
    key_check: str
    created_at: str
    keyring: KeyringSlot | None = None
    passphrase: WrappedKey | None = None
    recovery: WrappedKey | None = None
    format: int = SLOTS_FORMAT
    extra: dict[str, Any] = field(default_factory=dict)
    # Slots found damaged (checksum or shape) when the file was read: left out (None).
    # Saved as `damaged_slots`, so the damage stays reported until the slot is replaced.
    damaged: set[str] = field(default_factory=set)

    # -- creation and verification

    @classmethod
    def new(cls, key: VaultKey) -> KeySlots:
        vault_id = secrets.token_hex(16)
        return cls(
            vault_id=vault_id,
            key_check=key.check_value(vault_id),
            created_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        )

    def verifies(self, key: VaultKey) -> bool:
        return hmac.compare_digest(key.check_value(self.vault_id), self.key_check)

    def _aad(self, slot: str) -> bytes:
        return f"integrate:{self.vault_id}:{slot}".encode()

    # -- passphrase slot

    def set_passphrase(
        self, key: VaultKey, passphrase: str, params: KdfParams | None = None
    ) -> None:
        if not passphrase:
            raise ValueError("A passphrase cannot be empty.")
        self.passphrase = WrappedKey.wrap(
            key, passphrase, self._aad("passphrase"), params or KdfParams()
        )
        self.damaged.discard("passphrase")

    def unlock_passphrase(self, passphrase: str) -> VaultKey:
        if self.passphrase is None:
            raise KeySlotError("This journal has no passphrase set.")
        return self._checked(self.passphrase.unwrap(passphrase, self._aad("passphrase")))

    # -- recovery slot

    def set_recovery(self, key: VaultKey, params: KdfParams | None = None) -> str:
        """Create a new recovery code (replacing any old one) and return it, formatted."""
        code = new_recovery_code()
        self.recovery = WrappedKey.wrap(
            key, normalise_recovery_code(code), self._aad("recovery"), params or KdfParams()
        )
        self.damaged.discard("recovery")
        return code

    def unlock_recovery(self, code: str) -> VaultKey:
        if self.recovery is None:
            raise KeySlotError("This journal has no recovery code.")
        if not recovery_code_looks_valid(code):
            raise WrongSecret
        return self._checked(
            self.recovery.unwrap(normalise_recovery_code(code), self._aad("recovery"))
        )

    def _checked(self, key: VaultKey) -> VaultKey:
        if not self.verifies(key):
            raise KeySlotError("A key slot holds a key that does not belong to this journal.")
        return key

    # -- persistence

    def to_json(self) -> str:
        raw = asdict(self)
        raw.pop("damaged")
        raw["damaged_slots"] = sorted(self.damaged)
        raw["checksums"] = _checksums(raw)
        return json.dumps(raw, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> KeySlots:
        """Parse a slot file. The header must be intact (else KeySlotError); a slot
        that fails its checksum or cannot be parsed is left out and named in `damaged`.
        Files written before checksums existed are read as they are."""
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise TypeError("not an object")
            if raw.get("format") != SLOTS_FORMAT:
                raise KeySlotError(
                    "The key slot file was written by a different version of Integrate."
                )
            stored = raw.get("checksums")
            expected = _checksums(raw)
            if isinstance(stored, dict) and stored.get("header") != expected["header"]:
                raise KeySlotError("The key slot file's header is damaged.")
            slots = cls(
                vault_id=str(raw["vault_id"]),
                key_check=str(raw["key_check"]),
                created_at=str(raw["created_at"]),
                extra=dict(raw.get("extra") or {}),
            )
        except KeySlotError:
            raise
        except (ValueError, KeyError, TypeError) as exc:
            raise KeySlotError("The key slot file is damaged and cannot be read.") from exc
        if stored is not None and not isinstance(stored, dict):
            stored = {name: "" for name in SLOT_NAMES}  # every slot unverifiable
        recorded = raw.get("damaged_slots") or []
        slots.damaged = {n for n in SLOT_NAMES if isinstance(recorded, list) and n in recorded}
        parsers = {"keyring": KeyringSlot, "passphrase": WrappedKey, "recovery": WrappedKey}
        for name in SLOT_NAMES:
            value = raw.get(name)
            if isinstance(stored, dict) and stored.get(name) != expected[name]:
                slots.damaged.add(name)
                continue
            if not value:
                continue
            try:
                if not isinstance(value, dict):
                    raise TypeError("not an object")
                setattr(slots, name, parsers[name](**value))
            except (TypeError, ValueError):
                slots.damaged.add(name)
        return slots

    def save(self, path: Path) -> None:
        write_private_atomic(path, self.to_json().encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise KeySlotError("This folder holds no Integrate journal.") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise KeySlotError("The key slot file cannot be read.") from exc
        return cls.from_json(text)
