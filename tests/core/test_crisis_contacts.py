"""The one crisis-contact model every surface uses (core.crisis_contacts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrate.core.crisis import OTHER_COUNTRY, ContactMethod, load_crisis_lines
from integrate.core.crisis_contacts import (
    CountryStatus,
    ItemKind,
    build_contacts,
    render_text,
)
from integrate.core.safety import PlanContact, SafetyPlan
from integrate.country_pref import read_country, write_country

DIRECTORY = load_crisis_lines()
CODES = [code for code, _ in DIRECTORY.country_choices()]


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def test_ships_the_countries_of_the_clinical_reference() -> None:
    assert set(CODES) == {"US", "CA", "GB", "IE", "AU", "DE"}
    ie = build_contacts(DIRECTORY, "IE")
    assert ie.emergency is not None and ie.emergency.values == ("999", "112")
    assert any("50808" in item.values for item in ie.lines)
    gb_values = {v for item in build_contacts(DIRECTORY, "GB").lines for v in item.values}
    assert {"116 123", "85258", "111"} <= gb_values
    de_values = {v for item in build_contacts(DIRECTORY, "DE").lines for v in item.values}
    assert "116 123" in de_values
    # The reference calls DE's 116 123 uncertain: the app says so.
    de_reach = next(r for i in build_contacts(DIRECTORY, "DE").lines for r in i.reaches)
    assert de_reach.value.startswith("0800")
    uncertain = [
        r for i in build_contacts(DIRECTORY, "DE").lines for r in i.reaches if r.value == "116 123"
    ]
    assert "not yet confirmed" in uncertain[0].label
    assert not DIRECTORY.verified  # the "verify before release" marker stays honest


@pytest.mark.parametrize("code", CODES)
def test_every_item_of_every_country_has_a_number_and_no_foreign_line(code: str) -> None:
    contacts = build_contacts(DIRECTORY, code)
    assert contacts.status is CountryStatus.LISTED
    assert contacts.emergency is not None and contacts.emergency.values
    own_numbers = {
        c.digits
        for line in DIRECTORY.country(code).lines
        for c in line.contacts  # type: ignore[union-attr]
    }
    for item in contacts.contact_items():
        assert item.name and item.reaches, item
        for reach in item.reaches:
            assert reach.value and reach.value in item.text()
            assert reach.uri.startswith(("tel:", "sms:"))
    for item in contacts.lines:
        assert item.kind is ItemKind.LINE
        assert {_digits(v) for v in item.values} <= own_numbers
    assert contacts.lines_heading() == f"Crisis lines in {contacts.country_name}"
    # Nothing from another country's list shows under this heading.
    text = render_text(contacts)
    assert contacts.not_monitored in text


def test_us_journal_never_shows_uk_lines_even_when_prefilled_in_the_plan() -> None:
    plan = SafetyPlan(
        crisis_lines=[
            PlanContact("Samaritans", "116 123"),  # prefilled when the country was GB
            PlanContact("Local crisis team", "555 0100", "ask for the duty worker"),
        ],
        professionals=[PlanContact("Dr Rivera", "555 0199", "weekdays")],
        people_places=[PlanContact("Sam", "555 0123"), PlanContact("The library")],
        coping_steps=["Walk the dog", "Cold water", "Music", "Call Sam"],
    )
    contacts = build_contacts(DIRECTORY, "US", plan)
    text = render_text(contacts)
    assert "116 123" not in text and "Samaritans" not in text
    own = contacts.own_lines
    assert [i.name for i in own] == ["Local crisis team"]
    # Its number, and its note beside it (never the note instead of the number).
    assert own[0].values == ("555 0100",)
    assert "Local crisis team - Call 555 0100 - ask for the duty worker" in text
    assert "Dr Rivera - Call 555 0199 - weekdays" in text
    assert "The library" in text  # a place: no number, still part of the plan
    assert contacts.first_coping_steps() == ("Walk the dog", "Cold water", "Music")
    assert "Call Sam" not in text
    assert "988" in text and "911" in text


@pytest.mark.parametrize("code", ["", None, OTHER_COUNTRY, "FR"])
def test_no_country_gives_the_international_route_not_another_countrys_numbers(
    code: str | None,
) -> None:
    contacts = build_contacts(DIRECTORY, code)
    assert contacts.status in (CountryStatus.UNSET, CountryStatus.UNLISTED)
    assert contacts.emergency is None
    assert [i.kind for i in contacts.lines] == [ItemKind.INTERNATIONAL]
    web = contacts.lines[0].reaches[0]
    assert web.how is ContactMethod.WEB and web.value == "findahelpline.com"
    assert web.uri == "https://findahelpline.com"
    text = render_text(contacts)
    assert "local emergency number" in text and "findahelpline.com" in text
    assert not any(ch.isdigit() for ch in text)  # no guessed number anywhere
    if not code:
        assert "No country is set" in text


def test_own_line_with_a_note_is_kept_for_an_unlisted_country() -> None:
    plan = SafetyPlan(crisis_lines=[PlanContact("Ligne locale", "+33 1 23 45 67 89", "nuit")])
    contacts = build_contacts(DIRECTORY, OTHER_COUNTRY, plan)
    assert contacts.own_lines[0].text() == "Ligne locale - Call +33 1 23 45 67 89 - nuit"
    assert contacts.own_lines[0].reaches[0].uri == "tel:+33123456789"


def test_json_form_lists_every_number() -> None:
    data = build_contacts(DIRECTORY, "GB").to_dict()
    values = [c["value"] for i in data["lines"] for c in i["contacts"]]
    assert "116 123" in values and data["emergency"]["contacts"][0]["value"] == "999"
    assert data["country_status"] == "listed" and data["country_notice"] is None


def test_country_preference_edits_only_its_own_line(tmp_path: Path) -> None:
    assert read_country(tmp_path) == ""
    prefs = tmp_path / "preferences.ini"
    prefs.write_text("[window]\ngeometry=@ByteArray(\\x1\\xd9%x)\n", encoding="utf-8")
    write_country(tmp_path, "gb")
    assert read_country(tmp_path) == "GB"
    write_country(tmp_path, "DE")
    text = prefs.read_text(encoding="utf-8")
    assert "geometry=@ByteArray(\\x1\\xd9%x)" in text and text.count("country=") == 1
    assert read_country(tmp_path) == "DE"
    assert prefs.stat().st_mode & 0o077 == 0
