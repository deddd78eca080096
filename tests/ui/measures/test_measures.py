"""Measures area on a real vault: the crisis screen comes first, gaps are listed, trends and
the results table work."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCharts import QChartView, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from integrate.core.timeutil import day_text, now_local
from integrate.ui.measures import measure_table
from integrate.ui.measures.measure_crisis import CrisisScreen
from integrate.ui.measures.measure_result import ResultView
from integrate.ui.measures.measures import MeasuresPage
from integrate.ui.widgets.crisis_view import shown_items
from tests.ui.conftest import RunningApp


def _page(app: RunningApp) -> MeasuresPage:
    page = app.area("measures")
    assert isinstance(page, MeasuresPage)
    return page


def test_phq9_item9_shows_crisis_screen_before_any_score(running_app: RunningApp) -> None:
    page = _page(running_app)
    form = page.start("phq9")
    for number in range(1, 9):
        form.set_answer(number, 1)
    assert page.crisis_screen is None
    # Choosing the answer (a real click on the radio button) opens the crisis screen at once.
    form.items[8].buttons[1].click()
    screen = page.crisis_screen
    assert isinstance(screen, CrisisScreen) and screen.isVisible()
    assert "Nobody monitors this app" in screen.not_monitored.text()
    # No country chosen yet: the international route, never a guessed country's numbers.
    assert "findahelpline.com" in screen.lines.text() and "988" not in screen.lines.text()
    assert page.stack.currentWidget() is form  # no score anywhere yet
    assert page.result_view is None
    assert running_app.services.measures.list() == []
    [shown] = running_app.services.measures.crisis_screens()  # on record as it opens
    assert shown.instrument == "phq9"
    # Changing the answer again does not stack more screens.
    form.items[8].buttons[2].click()
    assert page.crisis_screen is screen
    screen.back_button.click()
    assert not screen.isVisible()
    form.submit_button.click()
    assert isinstance(page.result_view, ResultView)
    assert "Your total is 10 of 27" in page.result_view.text()
    assert "'moderate'" in page.result_view.text()
    [adm] = running_app.services.measures.list()
    assert adm.crisis_shown is True and adm.total == 10 and adm.answers[8] == 2
    # Saved: the administration carries it; no second "not saved" record is left.
    assert running_app.services.measures.crisis_screens() == []
    table = page.table.table
    assert table.rowCount() == 1 and table.item(0, 4).text() == "Support screen shown"


def test_crisis_screen_stays_on_record_when_the_questionnaire_is_left_unsaved(
    running_app: RunningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(running_app)
    repo = running_app.services.measures
    form = page.start("phq9")
    for number in range(1, 9):
        form.set_answer(number, 0)
    before = now_local().replace(microsecond=0)  # stored to the second
    form.items[8].buttons[1].click()
    assert page.crisis_screen is not None and page.crisis_screen.isVisible()
    page.crisis_screen.back_button.click()
    form.cancel_button.click()  # "Leave without saving"
    assert page.stack.currentWidget() is page.home
    # Kept: that the screen was shown, when, for which questionnaire. Not the answers.
    [shown] = repo.crisis_screens()
    assert shown.instrument == "phq9" and before <= shown.shown_at <= now_local()
    assert repo.list() == []
    conn = running_app.services.vault.conn
    assert conn.execute("SELECT count(*) FROM measures").fetchone()[0] == 0
    # The results table shows it for that date, and the patient can delete it.
    table = page.table
    assert table.table.rowCount() == 1
    cells = [table.table.item(0, c).text() for c in range(table.table.columnCount())]
    assert cells[0] == f"{day_text(shown.shown_at)} {shown.shown_at:%H:%M}"
    assert cells[1:] == ["PHQ-9", "Answers not saved", "", "Support screen shown"]
    table.table.selectRow(0)
    assert table.delete_button.isEnabled() and not table.date_button.isEnabled()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    table.delete_button.click()
    assert repo.crisis_screens() == [] and table.table.rowCount() == 0


def test_crisis_screen_lists_safety_plan_contacts_and_country(running_app: RunningApp) -> None:
    from integrate.core.safety import PlanContact, SafetyPlan
    from integrate.core.timeutil import to_iso

    plan = SafetyPlan(
        crisis_lines=[PlanContact("Night line of my town", "0800 555 0199")],
        people_places=[PlanContact("Jo", "07700 900123")],
        professionals=[PlanContact("Dr. Okafor", "020 7946 0000", "clinic")],
    )
    running_app.services.vault.conn.execute(
        "INSERT INTO safety_plan(id, data, updated_at) VALUES (1, ?, ?)",
        (plan.to_json(), to_iso(now_local())),
    )
    running_app.services.prefs.setValue("crisis/country", "GB")
    page = _page(running_app)
    form = page.start("phq9")
    form.set_answer(9, 3)
    screen = page.crisis_screen
    assert screen is not None
    shown = [item.text() for item in shown_items(screen)]
    assert "Jo - Call 07700 900123" in shown
    assert "Dr. Okafor - Call 020 7946 0000 - clinic" in shown
    assert "Night line of my town - Call 0800 555 0199" in shown
    assert (
        "116 123" in screen.lines.text() and "Crisis lines in United Kingdom" in screen.lines.text()
    )
    screen.close()


def test_broken_safety_plan_is_read_defensively(running_app: RunningApp) -> None:
    from integrate.core.timeutil import to_iso

    running_app.services.vault.conn.execute(
        "INSERT INTO safety_plan(id, data, updated_at) VALUES (1, 'not json', ?)",
        (to_iso(now_local()),),
    )
    page = _page(running_app)
    page.start("phq9").set_answer(9, 1)
    assert page.crisis_screen is not None and page.crisis_screen.contacts == []
    page.crisis_screen.close()


def test_incomplete_form_lists_missing_items_and_saves_nothing(running_app: RunningApp) -> None:
    page = _page(running_app)
    form = page.start("gad7")
    for number in (1, 2, 4, 5, 7):
        form.set_answer(number, 2)
    form.submit_button.click()
    assert form.missing_label.isVisible()
    assert "Items 3 and 6 have no answer yet." in form.missing_label.text()
    assert page.result_view is None and page.stack.currentWidget() is form
    assert running_app.services.measures.list() == []
    assert page.crisis_screen is None  # GAD-7 has no crisis item
    form.set_answer(3, 0)
    form.set_answer(6, 1)
    form.submit_button.click()
    assert page.result_view is not None
    assert "Your total is 11 of 21" in page.result_view.text()


def test_result_compares_with_series_baseline(demo_app: RunningApp) -> None:
    page = _page(demo_app)
    # Demo: the booster series starts in 4 days, so today belongs to its baseline window;
    # take two PCL-5s so the second is compared with the first.
    form = page.start("pcl5_week")
    for n in range(1, 21):
        form.set_answer(n, 2)
    form.submit_button.click()
    assert page.result_view is not None
    assert "first PCL-5 of this series" in page.result_view.text()
    assert "Intrusion (B): 10 of 20" in page.result_view.text()  # clusters, one sentence each
    page.result_view.done_button.click()
    form = page.start("pcl5_week")
    for n in range(1, 21):
        form.set_answer(n, 1 if n <= 12 else 2)
    form.submit_button.click()
    text = page.result_view.text()  # type: ignore[union-attr]
    assert "Change of 12 points, lower than the baseline" in text
    assert "VA guidance" in text and "guidance, not a diagnosis" in text


def test_trend_chart_renders_with_session_markers(demo_app: RunningApp) -> None:
    page = _page(demo_app)
    page.tabs.setCurrentWidget(page.trends)
    trends = page.trends
    trends.show_family("pcl5")
    demo_app.settle()
    view = trends.chart_view
    assert isinstance(view, QChartView)
    chart = view.chart()
    names = [s.name() for s in chart.series()]
    markers = [s for s in chart.series() if s.name() == "Session"]
    assert len(markers) == 6  # the six done demo sessions; the planned booster is not drawn
    total = next(s for s in chart.series() if s.name() == "PCL-5 total")
    assert isinstance(total, QLineSeries) and total.count() == 4
    assert "Intrusion" not in " ".join(names)
    trends.clusters.setChecked(True)
    chart = trends.chart_view.chart()  # type: ignore[union-attr]
    names = [s.name() for s in chart.series()]
    assert any("Intrusion" in n for n in names) and any("Avoidance" in n for n in names)
    image = view.grab() if view is not None else None
    image = trends.chart_view.grab()  # type: ignore[union-attr]
    assert not image.isNull() and image.width() > 300
    # The table twin holds the same four results.
    assert trends.table.rowCount() == 4
    assert "Chart" in trends.tabs.tabText(0) and "Table" in trends.tabs.tabText(1)
    trends.show_family("phq9")
    chart = trends.chart_view.chart()  # type: ignore[union-attr]
    assert any(s.name() == "Moderate" for s in chart.series())  # faint bands are drawn


def test_trend_chart_shades_and_names_the_series(demo_app: RunningApp) -> None:
    page = _page(demo_app)
    page.tabs.setCurrentWidget(page.trends)
    trends = page.trends
    trends.show_family("phq9")
    demo_app.settle()
    chart = trends.chart_view.chart()  # type: ignore[union-attr]
    # The series running during the results: a band behind the data, named above the
    # plot as in the PDF (the booster is planned for later and falls outside the chart).
    first = demo_app.services.sessions.list_series()[0]
    assert chart.series()[0].name() == first.name
    shown = [lab.text.text() for lab in chart.series_labels if lab.text.isVisible()]
    assert shown == [first.name]


def test_trend_caption_calls_a_future_series_planned_not_ongoing(demo_app: RunningApp) -> None:
    page = _page(demo_app)
    page.tabs.setCurrentWidget(page.trends)
    page.trends.show_family("pcl5")
    demo_app.settle()
    booster = demo_app.services.sessions.list_series()[-1]
    assert booster.started_on > date.today()  # the demo's booster lies ahead
    caption = page.trends.caption.text()
    assert f"{booster.name}: planned from {booster.started_on:%d %b}" in caption
    assert f"{booster.name}: {booster.started_on:%d %b} - ongoing" not in caption


def test_table_edits_date_and_deletes_with_confirmation(
    demo_app: RunningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(demo_app)
    table = page.table
    repo = demo_app.services.measures
    before = len(repo.list())
    assert table.table.rowCount() == before
    newest = table.rows[0]
    assert not table.delete_button.isEnabled()
    table.table.selectRow(0)
    assert table.delete_button.isEnabled()
    when = now_local().replace(microsecond=0) - timedelta(days=40)
    monkeypatch.setattr(measure_table, "ask_datetime", lambda parent, current: when)
    table.date_button.click()
    moved = repo.get(newest.id or 0)
    assert moved is not None and moved.taken_at == when
    assert moved.series_id is None  # 40 days ago is before the demo series
    assert table.rows[-1].id == newest.id  # now the oldest
    # Declining the confirmation keeps it; accepting deletes it.
    table.select_id(newest.id or 0)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    table.delete_button.click()
    assert repo.get(newest.id or 0) is not None
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    table.delete_button.click()
    assert repo.get(newest.id or 0) is None
    assert len(repo.list()) == before - 1 == table.table.rowCount()


def test_due_suggestions_start_forms_and_navigation_opens_one(demo_app: RunningApp) -> None:
    page = _page(demo_app)
    due = page.home_tab.due
    assert {d.instrument_id for d in due} == {"pcl5_month", "phq9", "gad7"}  # booster baseline
    page.home_tab.due_buttons[0].click()
    assert page.form is not None and page.form.instrument.id == due[0].instrument_id
    page.form.cancel_button.click()
    assert page.stack.currentWidget() is page.home
    demo_app.services.navigate.emit("measures", "gad7")
    demo_app.settle()
    assert page.form is not None and page.form.instrument.id == "gad7"


def test_today_section_lists_due_and_opens_the_form(demo_app: RunningApp) -> None:
    from integrate.ui.measures.measures_today import due_measures_section

    section = due_measures_section(demo_app.services)
    assert section is not None
    assert set(section.property("instrument_ids")) == {"pcl5_month", "phq9", "gad7"}
    section.due_buttons[0].click()  # type: ignore[attr-defined]
    demo_app.settle()
    page = _page(demo_app)
    assert page.form is not None
    assert page.form.instrument.id == section.property("instrument_ids")[0]


def test_today_section_is_absent_when_nothing_is_due(running_app: RunningApp) -> None:
    from integrate.ui.measures.measures_today import due_measures_section

    # No series yet: the monthly set is suggested; after taking them nothing is due.
    page = _page(running_app)
    for iid, n in (("pcl5_month", 20), ("phq9", 9), ("gad7", 7)):
        form = page.start(iid)
        for k in range(1, n + 1):
            form.set_answer(k, 0)
        form.submit_button.click()
    assert due_measures_section(running_app.services) is None


def test_form_is_keyboard_operable(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from integrate.core.measures import get_instrument
    from integrate.ui.measures.measure_form import MeasureForm

    form = MeasureForm(get_instrument("gad7"))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.items[0].buttons[0].setFocus()
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Right)
    assert form.answers()[0] == 2
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)  # next item, not the next option
    assert form.focusWidget() is form.items[1].buttons[0]
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_3)
    assert form.answers()[1] == 3
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Backtab)
    assert form.focusWidget() is form.items[0].buttons[2]  # back to the chosen answer
    for radio in form.items[0].buttons:
        assert radio.accessibleName().startswith("1. ")


def test_gad7_form_asks_the_optional_difficulty_question(qtbot) -> None:  # noqa: ANN001
    """Issue 16: GAD-7's printed form has the difficulty question; it is asked and kept."""
    from integrate.core.measures import get_instrument
    from integrate.ui.measures.measure_form import MeasureForm

    instrument = get_instrument("gad7")
    form = MeasureForm(instrument)
    qtbot.addWidget(form)
    assert len(form.extras) == 1
    assert [b.text() for b in form.extras[0].buttons] == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]
    assert len(form.answers()) == 8  # seven items, then the unscored difficulty answer


def test_today_screen_shows_the_measures_section(demo_app: RunningApp) -> None:
    from PySide6.QtWidgets import QFrame

    today = demo_app.area("today")
    demo_app.settle()
    frames = [f for f in today.findChildren(QFrame) if f.property("instrument_ids")]
    assert len(frames) == 1
    assert set(frames[0].property("instrument_ids")) == {"pcl5_month", "phq9", "gad7"}


@pytest.mark.parametrize("iid", ["pcl5_month", "pcl5_week", "phq9", "gad7", "suds"])
def test_form_shows_every_item_verbatim_and_the_attribution(qtbot, iid: str) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    from integrate.core.measures import get_instrument
    from integrate.ui.measures.measure_form import MeasureForm

    instrument = get_instrument(iid)
    form = MeasureForm(instrument)
    qtbot.addWidget(form)
    texts = [label.text() for label in form.findChildren(QLabel)]
    assert instrument.attribution in texts
    assert instrument.instructions in texts
    for item, question in zip(instrument.items, form.items, strict=True):
        assert question.text_label.text() == f"{item.number}.  {item.text}"
        assert [b.text() for b in question.buttons] == [o.label for o in item.options]
    for label in form.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText  # item text is never markup


def test_settings_choose_which_questionnaires_are_suggested_and_how_often(
    demo_app: RunningApp,
) -> None:
    from PySide6.QtWidgets import QFrame

    from integrate.ui.measures.measure_settings import MeasureSection
    from integrate.ui.measures.measures_today import due_measures_section

    section = demo_app.area("settings").findChild(MeasureSection)
    assert section is not None and section.suggest.isChecked()
    assert all(box.isChecked() for box in section.families.values())
    assert (section.weekly.value(), section.monthly.value()) == (7, 30)
    page = _page(demo_app)
    # Demo: the booster's baseline set is due. Leave PCL-5 out of the suggestions.
    section.families["pcl5"].setChecked(False)
    demo_app.settle()
    stored = demo_app.services.measures.settings()
    assert stored.off == ("pcl5",)
    assert {d.instrument_id for d in page.home_tab.due} == {"phq9", "gad7"}
    today_section = due_measures_section(demo_app.services)
    assert today_section is not None
    assert set(today_section.property("instrument_ids")) == {"phq9", "gad7"}
    # Off: nothing on Today, a plain sentence in Measures, every form still available.
    section.suggest.setChecked(False)
    demo_app.settle()
    assert not section.details.isEnabled()
    assert due_measures_section(demo_app.services) is None
    today = demo_app.area("today")
    assert not [f for f in today.findChildren(QFrame) if f.property("instrument_ids")]
    assert "turned off" in page.home_tab.due_heading.text()
    assert set(page.home_tab.take_buttons) >= {"pcl5_week", "phq9", "gad7"}
    # A reopened Settings shows what is stored.
    section.suggest.setChecked(True)
    section.weekly.setValue(10)
    fresh = MeasureSection(demo_app.services)
    assert fresh.weekly.value() == 10 and not fresh.families["pcl5"].isChecked()
    fresh.deleteLater()


def test_reason_names_a_changed_interval_in_days(qapp) -> None:  # noqa: ANN001
    from integrate.core.measures import DueReason
    from integrate.ui.measures.measures_today import reason_text
    from integrate.vault.measures import MeasureSettings

    assert reason_text(DueReason.WEEKLY) == "weekly during your series"
    assert reason_text(DueReason.WEEKLY, MeasureSettings()) == "weekly during your series"
    changed = MeasureSettings(weekly_days=10, monthly_days=45)
    assert reason_text(DueReason.WEEKLY, changed) == "every 10 days during your series"
    assert reason_text(DueReason.MONTHLY, changed) == "every 45 days"
    assert reason_text(DueReason.BASELINE, changed) == "a starting point before your series"


def test_screen_and_pdf_charts_draw_the_same_ranges_and_cluster_names(
    demo_app: RunningApp,
) -> None:
    from integrate.core.measures import get_instrument
    from integrate.share.content import chart_bands

    page = _page(demo_app)
    trends = page.trends
    trends.show_family("pcl5")
    trends.clusters.setChecked(True)
    chart = trends.chart_view.chart()  # type: ignore[union-attr]
    names = {s.name() for s in chart.series()}
    # The PCL-5's provisional cut-off is for the clinician (therapist PDF), not drawn on
    # the patient's own chart (issue #14: no diagnostic language for the patient).
    assert not {"Below cut-off", "At/above cut-off"} & names
    assert chart.trend.bands == []
    assert chart_bands(get_instrument("pcl5_week"))  # (the PDF still has it)
    # Short cluster names in the legend, not the full DSM-5 wording cut off with "...".
    assert "D Cognitions and mood" in names and "E Arousal and reactivity" in names
    assert "cut-off" not in trends.caption.text() and "DSM" not in trends.caption.text()
