"""The safety plan document on a real vault: save, reopen, prefill, user crisis numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrate.core.crisis import load_crisis_lines
from integrate.core.safety import PlanContact, SafetyPlan, SafetyPlanError
from integrate.paths import VaultPaths
from integrate.vault.safety_plan import SafetyPlanRepository, user_crisis_lines
from integrate.vault.vault import create_vault, unlock_with_passphrase

PASS = "a long passphrase"


@pytest.fixture
def paths(tmp_path: Path, fast_kdf: None) -> VaultPaths:
    paths = VaultPaths(tmp_path / "v")
    create_vault(paths, keystore=None, passphrase=PASS).vault.close()
    return paths


def _repo(paths: VaultPaths) -> SafetyPlanRepository:
    result = unlock_with_passphrase(paths, PASS)
    assert result.vault is not None
    repo = SafetyPlanRepository(result.vault.conn)
    repo.vault = result.vault  # type: ignore[attr-defined]
    return repo


def test_empty_then_saved_plan_survives_reopen(paths: VaultPaths) -> None:
    repo = _repo(paths)
    assert not repo.exists() and repo.load().is_empty() and repo.updated_at() is None
    plan = SafetyPlan(
        warning_signs=["Not sleeping", "  ", "Pulling away <i>from</i> people"],
        professionals=[PlanContact("Dr. Example", "555-0100", "weekdays"), PlanContact("")],
    )
    repo.save(plan)
    repo.vault.close()
    repo = _repo(paths)
    loaded = repo.load()
    assert loaded.warning_signs == ["Not sleeping", "Pulling away <i>from</i> people"]
    assert loaded.professionals == [PlanContact("Dr. Example", "555-0100", "weekdays")]
    assert repo.updated_at() is not None
    # Saving again replaces the single document.
    loaded.reasons_for_living = ["My niece"]
    repo.save(loaded)
    assert repo.conn.execute("SELECT count(*) FROM safety_plan").fetchone()[0] == 1
    assert repo.load().reasons_for_living == ["My niece"]


def test_unreadable_plan_is_reported_not_replaced(paths: VaultPaths) -> None:
    repo = _repo(paths)
    repo.conn.execute("INSERT INTO safety_plan(id, data, updated_at) VALUES (1, '{oops', 'x')")
    with pytest.raises(SafetyPlanError):
        repo.load()


def test_prefill_and_user_added_numbers(paths: VaultPaths) -> None:
    directory = load_crisis_lines()
    repo = _repo(paths)
    plan = repo.load_prefilled(directory, "GB")
    assert any("116 123" in c.phone for c in plan.crisis_lines)
    plan.crisis_lines.append(PlanContact("My local line", "555-0199"))
    plan.crisis_lines.append(PlanContact("Broken", "call me"))  # invalid: not offered
    repo.save(plan)
    reloaded = repo.load_prefilled(directory, "US")  # stored section is kept, not re-filled
    assert [c.name for c in reloaded.crisis_lines][-2:] == ["My local line", "Broken"]
    own = user_crisis_lines(reloaded, directory.lines_for("GB"))
    assert [(u.service, u.number) for u in own] == [("My local line", "555-0199")]
    merged = directory.lines_for("GB", own)
    assert merged[0].service == "My local line" and merged[0].user_added
