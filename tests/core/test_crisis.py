"""Crisis lines: the shipped data, validation, and merging the patient's numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from integrate.core.crisis import (
    ContactMethod,
    CrisisContact,
    CrisisDataError,
    UserCrisisLine,
    countries,
    lines_for,
    load_crisis_lines,
    merge_user_lines,
    normalise_number,
    validate_user_line,
)
from integrate.resources import resource_path

REQUIRED = {"US", "CA", "GB", "IE", "AU", "DE"}


def test_every_required_country_is_present() -> None:
    codes = {code for code, _ in countries()}
    assert codes >= REQUIRED


def test_every_country_has_a_crisis_line_and_an_emergency_number() -> None:
    directory = load_crisis_lines()
    for country in directory.countries:
        assert country.emergency, country.code
        assert country.lines, country.code
        for line in country.lines:
            assert line.service and line.contacts, (country.code, line)
            for contact in line.contacts:
                assert re.fullmatch(r"\+?\d{3,}", contact.digits), contact


def test_numbers_match_the_clinical_reference() -> None:
    """Guards against typos: these are the numbers CLINICAL.md lists."""

    def numbers(code: str, how: ContactMethod) -> set[str]:
        return {c.digits for line in lines_for(code) for c in line.contacts if c.how is how}

    directory = load_crisis_lines()
    assert numbers("US", ContactMethod.CALL) == {"988"}
    assert numbers("US", ContactMethod.TEXT) == {"988", "838255"}
    assert numbers("CA", ContactMethod.TEXT) == {"988"}
    assert numbers("GB", ContactMethod.CALL) == {"116123", "111"}  # Samaritans, NHS 111
    assert numbers("GB", ContactMethod.TEXT) == {"85258"}  # Shout
    assert numbers("IE", ContactMethod.CALL) == {"116123"}
    assert numbers("IE", ContactMethod.TEXT) == {"50808"}
    assert numbers("AU", ContactMethod.CALL) == {"131114"}
    assert numbers("AU", ContactMethod.TEXT) == {"0477131114"}
    assert numbers("DE", ContactMethod.CALL) == {"08001110111", "08001110222", "116123"}
    assert directory.emergency_for("US") == ("911",)
    assert directory.emergency_for("CA") == ("911",)
    assert set(directory.emergency_for("GB")) == {"999", "112"}
    assert directory.emergency_for("IE") == ("999", "112")
    assert directory.emergency_for("AU") == ("000",)
    assert directory.emergency_for("DE") == ("112",)


def test_file_says_nobody_monitors_and_carries_a_verification_note() -> None:
    directory = load_crisis_lines()
    assert "Nobody monitors this app" in directory.not_monitored
    assert directory.verification in ("verified", "unverified")
    raw = resource_path("crisis_lines.toml").read_text(encoding="utf-8")
    assert "VERIFY BEFORE RELEASE" in raw
    assert "last_checked" in raw
    # Until a person has checked the numbers, the file must not claim it.
    assert directory.verified == bool(directory.last_checked)


def test_lookup_is_case_insensitive_and_unknown_country_is_empty() -> None:
    assert lines_for("gb") == lines_for("GB")
    assert lines_for("ZZ") == []
    assert load_crisis_lines().emergency_for("ZZ") == ()


def test_uris_for_call_and_text() -> None:
    assert CrisisContact(ContactMethod.CALL, "116 123").uri == "tel:116123"
    assert CrisisContact(ContactMethod.TEXT, "0477 13 11 14").uri == "sms:0477131114"
    assert normalise_number(" +44 (20) 1234-5678 ") == "+442012345678"


def test_user_lines_come_first_and_respect_country() -> None:
    own = [
        UserCrisisLine("My clinic on call", "+44 20 7946 0000", country="GB"),
        UserCrisisLine("My therapist", "020 7946 0001"),  # any country
        UserCrisisLine("Elsewhere", "0800 123", country="DE"),
    ]
    merged = lines_for("GB", own)
    assert [line.service for line in merged][:3] == [
        "My clinic on call",
        "My therapist",
        "Samaritans",
    ]
    assert merged[0].user_added and not merged[-1].user_added
    de = lines_for("DE", own)
    assert [line.service for line in de if line.user_added] == ["My therapist", "Elsewhere"]
    # A country without built-in lines still shows the patient's own numbers.
    assert [line.service for line in lines_for("FR", own)] == ["My therapist"]


def test_merge_skips_duplicates_and_invalid_entries() -> None:
    builtin = lines_for("GB")
    own = [
        UserCrisisLine("Samaritans again", "116123", country="GB"),
        UserCrisisLine("", "0800 111"),
        UserCrisisLine("Bad", "call me"),
        UserCrisisLine("Twice", "0800 222 333"),
        UserCrisisLine("Twice", "0800222333"),
    ]
    merged = merge_user_lines(builtin, own, "GB")
    assert [line.service for line in merged] == ["Twice", "Samaritans", "Shout", "NHS 111"]
    assert merged[1] is builtin[0]  # built-in data is not altered


def test_validate_user_line_messages() -> None:
    assert validate_user_line(UserCrisisLine("A", "116 123")) == []
    assert validate_user_line(UserCrisisLine(" ", "")) == ["Name is empty", "Number is empty"]
    assert validate_user_line(UserCrisisLine("A", "12")) == ["Number needs at least 3 digits"]
    assert validate_user_line(UserCrisisLine("A", "988", country="USA")) == [
        "Country must be a two-letter code such as GB"
    ]


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "crisis_lines.toml"
    path.write_text(body, encoding="utf-8")
    return path


HEADER = """
verification = "unverified"
last_checked = ""
not_monitored = "Nobody monitors this app."
"""


def test_validation_names_file_and_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER
        + """
[[countries]]
code = "XX"
name = "Nowhere"
emergency = []

[[countries.lines]]
service = "Line"
[[countries.lines.contacts]]
how = "fax"
number = "123"

[[countries]]
code = "gb"
name = "Lower"
emergency = ["999"]
""",
    )
    with pytest.raises(CrisisDataError) as info:
        load_crisis_lines(path)
    problems = info.value.problems
    assert "crisis_lines.toml: countries[XX].emergency: needs at least one emergency number" in (
        problems
    )
    assert any("countries[XX].lines[0].contacts[0].how" in p for p in problems)
    assert any(p.startswith("crisis_lines.toml: countries[1].code:") for p in problems)
    assert any("countries[gb].lines: needs at least one crisis line" in p for p in problems)


def test_validation_requires_the_not_monitored_sentence_and_dates(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
verification = "verified"
last_checked = ""
not_monitored = "Call for help."
[[countries]]
code = "GB"
name = "UK"
emergency = ["999"]
[[countries.lines]]
service = "S"
[[countries.lines.contacts]]
how = "call"
number = "1a"
""",
    )
    with pytest.raises(CrisisDataError) as info:
        load_crisis_lines(path)
    text = str(info.value)
    assert "not_monitored: must say that nobody monitors this app" in text
    assert "last_checked: a verified file needs the date it was checked" in text
    assert "contacts[0].number" in text
