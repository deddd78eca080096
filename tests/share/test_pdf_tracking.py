"""Issue 17 in the therapist PDF: after-effects, sleep and substances are printed only when
chosen, from a real demo vault through gather and the real renderer; the sleep chart
with session markers is vector and the text is the patient's own, as plain text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pdfcheck import image_count, norm, pdftotext
from PySide6.QtCharts import QLineSeries, QScatterSeries

from integrate.demo import populate_demo
from integrate.paths import VaultPaths
from integrate.share.gather import default_selection, gather_share
from integrate.share.pdf import render_pdf
from integrate.share.sleep_chart import build_sleep_chart
from integrate.share.tracking_content import SleepPoint, session_effects
from integrate.vault.sessions import SessionRepository
from integrate.vault.tracking import TrackingRepository
from integrate.vault.vault import Vault, create_vault

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 20, 18, 0, tzinfo=TZ)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    root = tmp_path_factory.mktemp("demo") / "v"
    created = create_vault(VaultPaths(root), keystore=None, passphrase="pass phrase 1")
    populate_demo(created.vault, now=NOW, tz="Europe/London")
    yield created.vault
    created.vault.close()


def _pdf(vault: Vault, tmp_path: Path, name: str, **choices: bool) -> str:
    sel = default_selection(vault, now=NOW)
    wanted = {"include_effects": False, "include_sleep": False, "include_substances": False}
    sel = replace(sel, include_measures=True, include_sessions=True, **{**wanted, **choices})
    gathered = gather_share(vault, sel, now=NOW)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(render_pdf(gathered.document))
    return pdftotext(path)


def test_parts_are_printed_only_when_chosen(vault: Vault, tmp_path: Path) -> None:
    none = norm(_pdf(vault, tmp_path, "none"))
    for heading in ("After-effects(highest", "Sleepandnightmares", "Substancesand"):
        assert heading not in none

    effects = norm(_pdf(vault, tmp_path, "effects", include_effects=True))
    assert "After-effects(highest" in effects
    assert "dissociation" in effects
    assert "Sleepandnightmares" not in effects and "Medicationchanges" not in effects

    sleep_text = _pdf(vault, tmp_path, "sleep", include_sleep=True)
    sleep = norm(sleep_text)
    assert "Sleepandnightmares" in sleep and "Hoursslept" in sleep
    assert "After-effects(highest" not in sleep and "Medicationchanges" not in sleep

    subs = norm(_pdf(vault, tmp_path, "subs", include_substances=True))
    assert "Substancesandmedicationchanges" in subs
    assert "Sertraline" in subs and "2glassesofwine" in subs
    assert "mayblunt" in subs  # the note for the clinician, worded "may"
    assert "Sleepandnightmares" not in subs


def test_sleep_section_draws_a_vector_chart_with_session_markers(
    vault: Vault, tmp_path: Path
) -> None:
    sel = replace(
        default_selection(vault, now=NOW),
        include_sleep=True,
        include_measures=False,  # only the timeline and the sleep part: its chart alone
        entry_uids=[],
    )
    doc = gather_share(vault, sel, now=NOW).document
    assert doc.tracking is not None and doc.tracking.sleep
    path = tmp_path / "sleep.pdf"
    path.write_bytes(render_pdf(doc))
    assert image_count(path) == 0  # vectors, not a picture
    text = norm(pdftotext(path))
    assert "Nightmares(count)" in text and "Session" in text  # the chart's legend
    markers = doc.chart_markers()
    assert len(markers) >= 6


def test_sleep_chart_builder_has_hours_quality_nightmares_and_markers(qapp) -> None:  # noqa: ANN001
    points = [
        SleepPoint(datetime(2026, 3, d).date(), 5.5 + d / 10, 4, d % 3, 6 if d % 3 else None)
        for d in range(1, 15)
    ]
    markers = [datetime(2026, 3, 3, 9, 30, tzinfo=TZ), datetime(2026, 3, 10, 9, 30, tzinfo=TZ)]
    chart = build_sleep_chart(points, markers)
    hours = chart.hours_series  # type: ignore[attr-defined]
    assert hours.count() == 14 and hours.at(0).y() == pytest.approx(5.6)
    assert chart.quality_series.count() == 14  # type: ignore[attr-defined]
    nightmares: QScatterSeries = chart.nightmare_series  # type: ignore[attr-defined]
    assert nightmares.count() == sum(1 for p in points if p.nightmares)
    lines = [s for s in chart.series() if isinstance(s, QLineSeries) and s.name() == "Session"]
    assert len(lines) == 2
    assert {line.at(0).x() for line in lines} == {m.timestamp() * 1000 for m in markers}


def test_session_effects_line_per_session_for_the_session_table(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn).list()
    lines = session_effects(TrackingRepository(vault.conn), sessions)
    done = [s for s in sessions if s.kind.value == "ketamine" and s.status.value == "done"]
    assert set(lines) == {s.uid for s in done}
    first = lines[done[0].uid]
    assert first.startswith("dissociation ") and "unreal next day 3" in first
    assert TrackingRepository(vault.conn).list_effects()
