"""Key slots: wrapping, recovery codes, the slot file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrate.vault.keys import (
    KdfParams,
    KeySlotError,
    KeySlots,
    VaultKey,
    WrongSecret,
    format_recovery_code,
    new_recovery_code,
    normalise_recovery_code,
    recovery_code_looks_valid,
)

FAST = KdfParams(n=2**14)


def test_key_repr_and_hex_validation() -> None:
    key = VaultKey.generate()
    assert key.hex() not in repr(key)
    assert VaultKey.from_hex(key.hex()) == key
    for bad in ["abc", "x" * 64, key.hex()[:-1], key.hex() + "0", "'; DROP TABLE x; --"]:
        with pytest.raises(ValueError):
            VaultKey.from_hex(bad)
    assert key.sqlcipher_pragma_value() == f"\"x'{key.hex()}'\""


def test_default_kdf_parameters_are_memory_hard() -> None:
    params = KdfParams()
    assert params.n >= 2**17 and params.r == 8  # 128 MiB of memory per guess
    key = VaultKey.generate()
    slots = KeySlots.new(key)
    slots.set_passphrase(key, "passphrase one")
    stored = json.loads(slots.to_json())["passphrase"]
    assert stored["kdf"] == "scrypt" and stored["n"] == 2**17 and stored["r"] == 8
    assert slots.unlock_passphrase("passphrase one") == key


def test_passphrase_slot_round_trip_and_wrong_secret(tmp_path: Path) -> None:
    key = VaultKey.generate()
    slots = KeySlots.new(key)
    slots.set_passphrase(key, "Grüße, café", FAST)
    path = tmp_path / "keyslots.json"
    slots.save(path)
    assert path.stat().st_mode & 0o777 == 0o600
    loaded = KeySlots.load(path)
    # NFC normalisation: the decomposed form of the same text unlocks too.
    assert loaded.unlock_passphrase("Gru\u0308ße, cafe\u0301") == key
    with pytest.raises(WrongSecret):
        loaded.unlock_passphrase("grüße, café")
    assert key.hex() not in path.read_text()


def test_recovery_code_format_and_unlock() -> None:
    key = VaultKey.generate()
    slots = KeySlots.new(key)
    code = slots.set_recovery(key, FAST)
    groups = code.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert recovery_code_looks_valid(code)
    assert slots.unlock_recovery(code.lower().replace("-", " ")) == key
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert not recovery_code_looks_valid(typo)
    with pytest.raises(WrongSecret):
        slots.unlock_recovery(typo)
    other = new_recovery_code()
    with pytest.raises(WrongSecret):
        slots.unlock_recovery(other)


def test_recovery_code_has_at_least_128_random_bits() -> None:
    # 30 data characters from a 32-symbol alphabet: 150 bits.
    code = normalise_recovery_code(new_recovery_code())
    assert len(code) == 32
    assert 30 * 5 >= 128


@given(st.text(alphabet="0123456789abcdefghjkmnpqrstvwxyzILO -", max_size=50))
@settings(max_examples=200)
def test_recovery_normalisation_never_crashes(text: str) -> None:
    normalised = normalise_recovery_code(text)
    assert "-" not in normalised and " " not in normalised
    format_recovery_code(text)
    recovery_code_looks_valid(text)


def test_slot_file_damage_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "keyslots.json"
    for content in ["", "{", "[]", '{"format": 1}', '{"format": 99, "vault_id": "x"}']:
        path.write_text(content)
        with pytest.raises(KeySlotError):
            KeySlots.load(path)
    with pytest.raises(KeySlotError):
        KeySlots.load(tmp_path / "missing.json")


def test_slot_from_another_vault_is_rejected() -> None:
    key_a, key_b = VaultKey.generate(), VaultKey.generate()
    a, b = KeySlots.new(key_a), KeySlots.new(key_b)
    a.set_passphrase(key_a, "same passphrase", FAST)
    b.passphrase = a.passphrase  # copied between files
    with pytest.raises(WrongSecret):  # the AAD binds a wrapped key to its vault id
        b.unlock_passphrase("same passphrase")


def test_kdf_parameters_are_bounded() -> None:
    with pytest.raises(KeySlotError):
        KdfParams(n=2**10).validate()
    with pytest.raises(KeySlotError):
        KdfParams(n=3 * 2**14).validate()
