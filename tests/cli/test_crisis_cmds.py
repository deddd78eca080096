"""`integrate help-now` and `integrate settings country`: the shared crisis model on the CLI."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_USAGE
from integrate.core.safety import PlanContact, SafetyPlan
from integrate.paths import VaultPaths
from integrate.vault.safety_plan import SafetyPlanRepository
from integrate.vault.vault import unlock_with_passphrase

PASS = "cli passphrase"


def run(monkeypatch, capsys, args: list[str], stdin: str = PASS + "\n") -> tuple[int, str, str]:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_now_gb_json_without_a_journal(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    code, out, err = run(
        monkeypatch, capsys, ["help-now", "--country", "GB", "--json", "--data-dir", str(tmp_path)]
    )
    assert code == 0, err
    data = json.loads(out)
    values = [c["value"] for item in data["lines"] for c in item["contacts"]]
    assert "116 123" in values
    assert [c["value"] for c in data["emergency"]["contacts"]] == ["999", "112"]
    assert "988" not in out
    assert "Nobody monitors this app" in data["not_monitored"]
    assert data["own_lines"] == [] and data["people"] == []


def test_bad_country_is_a_usage_error_listing_known_codes(
    tmp_path: Path, monkeypatch, capsys
) -> None:  # noqa: ANN001
    for args in (["help-now", "--country", "UK"], ["settings", "country", "Narnia"]):
        code, out, err = run(monkeypatch, capsys, [*args, "--data-dir", str(tmp_path)])
        assert code == EXIT_USAGE and out == ""
        assert "Known codes:" in err and "GB (United Kingdom)" in err and "IE (Ireland)" in err
    assert not (tmp_path / "preferences.ini").exists()


def test_settings_country_is_what_help_now_uses(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(monkeypatch, capsys, ["settings", "country", "--data-dir", str(tmp_path)])
    assert code == 0 and "No country is set" in out
    code, out, _ = run(monkeypatch, capsys, ["help-now", "--data-dir", str(tmp_path)])
    assert "No country is set" in out and "findahelpline.com" in out and "911" not in out
    code, out, _ = run(
        monkeypatch, capsys, ["settings", "country", "ie", "--data-dir", str(tmp_path)]
    )
    assert code == 0 and "IE (Ireland)" in out
    code, out, _ = run(monkeypatch, capsys, ["settings", "country", "--data-dir", str(tmp_path)])
    assert out.strip() == "IE (Ireland)"
    code, out, _ = run(monkeypatch, capsys, ["help-now", "--data-dir", str(tmp_path)])
    assert "Crisis lines in Ireland" in out and "50808" in out and "999 or 112" in out


def test_help_now_with_a_journal_adds_the_patients_own_plan(
    tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring
) -> None:  # noqa: ANN001
    folder = tmp_path / "v"
    code, _, err = run(
        monkeypatch,
        capsys,
        ["init", "--country", "US", "--data-dir", str(folder), "--passphrase-stdin"],
    )
    assert code == 0, err
    result = unlock_with_passphrase(VaultPaths(folder), PASS, take_lock=True)
    assert result.vault is not None
    SafetyPlanRepository(result.vault.conn).save(
        SafetyPlan(
            coping_steps=["Hold something cold", "Step outside"],
            crisis_lines=[
                PlanContact("Samaritans", "116 123"),
                PlanContact("Local crisis team", "555 0100", "ask for the duty worker"),
            ],
            professionals=[PlanContact("Dr Rivera", "555 0199")],
        )
    )
    result.vault.close()
    code, out, err = run(
        monkeypatch, capsys, ["help-now", "--data-dir", str(folder), "--passphrase-stdin"]
    )
    assert code == 0, err
    assert "Local crisis team - Call 555 0100 - ask for the duty worker" in out
    assert "Dr Rivera - Call 555 0199" in out and "Hold something cold" in out
    assert "988" in out and "116 123" not in out
    # Locked (wrong passphrase): the lines still print, with a word on what is missing.
    code, out, err = run(
        monkeypatch,
        capsys,
        ["help-now", "--data-dir", str(folder), "--passphrase-stdin"],
        stdin="wrong\n",
    )
    assert code == 0 and "988" in out and "Local crisis team" not in out
    assert "Your own contacts are not shown" in err


@pytest.mark.parametrize("verb", ["help-now", "settings"])
def test_verbs_are_registered(verb: str) -> None:
    from integrate.cli import VERBS

    assert VERBS[verb] == "integrate.cli.crisis_cmds"
