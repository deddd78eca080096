"""The cover's "At a glance" on hand-built journals (real SQLCipher vaults, real PDFs).

Each journal has one series, weekly PCL-5 / PHQ-9 / GAD-7 with chosen totals; the PDF is
read back with pdftotext (page 1 = the cover), pdfdetach and qpdf.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pdfcheck import export_pdf, norm, pdftotext, qdf_text, run

from integrate.core.measures import load_instruments, score
from integrate.core.model import Route, Series, Session, SessionKind, Setting
from integrate.core.outcomes import load_outcome_rules
from integrate.paths import VaultPaths
from integrate.share.attachments import scores_from_response
from integrate.share.gather import ShareSelection, gather_share
from integrate.share.pdf import render_pdf
from integrate.vault.measures import MeasureRepository
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import Vault, create_vault

TZ = ZoneInfo("Europe/London")
START = date(2026, 1, 5)
NOW = datetime(2026, 2, 20, 18, 0, tzinfo=TZ)
INS = load_instruments()
RULES = load_outcome_rules()


def answers_for(instrument_id: str, total: int, item9: int = 0) -> list[int]:
    """Item answers adding up to `total` (PHQ-9 item 9 set to `item9`)."""
    ins = INS[instrument_id]
    top = max(ins.items[0].values)
    out = [0] * ins.item_count
    rest = total
    if instrument_id == "phq9":
        out[8] = item9
        rest -= item9
    for i in range(ins.item_count):
        if instrument_id == "phq9" and i == 8:
            continue
        out[i] = min(top, rest)
        rest -= out[i]
    assert rest == 0 and sum(out) == total
    return out


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    created = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="pass phrase 1")
    yield created.vault
    created.vault.close()


def journal(
    vault: Vault,
    totals: dict[str, list[int | None]],
    item9: list[int] | None = None,
    difficulty: int | None = None,
) -> None:
    """A 4-week series (weekly measures on days 0, 7, 14, 21; None: skipped) and
    two sessions with what the patient recorded."""
    sessions = SessionRepository(vault.conn)
    series = sessions.add_series(
        Series("Winter series", START, ended_on=START + timedelta(days=27))
    )
    for day, bp in ((1, ("172/104", "150/95")), (8, ("130/85", "128/84"))):
        sessions.add(
            Session(
                at=datetime.combine(START + timedelta(days=day), datetime.min.time(), TZ)
                + timedelta(hours=10),
                tz="Europe/London",
                kind=SessionKind.KETAMINE,
                route=Route.IM,
                dose=300.0 if day == 1 else 250.0,
                dose_unit="mg",
                setting=Setting.CLINIC,
                support_person=True,
                bp_before=bp[0],
                bp_after=bp[1],
                distress_before=7,
                mood_before=3,
                notes="strong dissociation, nausea" if day == 1 else "",
                series_id=series.id,
            )
        )
    repo = MeasureRepository(vault.conn)
    ids = {"pcl5": "pcl5_week", "phq9": "phq9", "gad7": "gad7"}
    for family, values in totals.items():
        for week, total in enumerate(values):
            if total is None:
                continue
            iid = ids[family]
            i9 = (item9 or [0] * 4)[week] if family == "phq9" else 0
            answers: list[int | None] = list(answers_for(iid, total, i9))
            if difficulty is not None and INS[iid].extra_questions:
                answers.append(difficulty)
            taken = datetime.combine(START + timedelta(days=7 * week), datetime.min.time(), TZ)
            result = score(INS[iid], answers)
            repo.add(result, taken + timedelta(hours=20))  # type: ignore[arg-type]


def selection(**kw: object) -> ShareSelection:
    sel = ShareSelection(period_kind="dates", date_from=START, date_to=START + timedelta(days=27))
    for key, value in kw.items():
        setattr(sel, key, value)
    return sel


def cover_of(vault: Vault, tmp_path: Path, sel: ShareSelection, name: str = "s.pdf") -> str:
    path = tmp_path / name
    export_pdf(gather_share(vault, sel, now=NOW).document, path)
    return pdftotext(path, first=1, last=1)


def row(cover: str, family_name: str, next_name: str | None) -> str:
    """The glance row of one instrument (its text up to the next instrument's)."""
    text = norm(cover.split("At a glance", 1)[1])
    start = text.index(norm(family_name))
    end = text.index(norm(next_name), start + 1) if next_name else len(text)
    return text[start:end]


def test_worsening_is_flagged_for_every_instrument_with_change_and_threshold(
    vault: Vault, tmp_path: Path
) -> None:
    journal(vault, {"pcl5": [20, 24, 30, 35], "phq9": [5, 7, 9, 12], "gad7": [4, 8, 12, 18]})
    cover = cover_of(vault, tmp_path, selection())
    pcl, phq, gad = (
        row(cover, "PCL-5", "PHQ-9"),
        row(cover, "PHQ-9", "GAD-7"),
        row(cover, "GAD-7", "Lower totals"),
    )
    for text, change, threshold in (
        (pcl, "+15points", "Clinicallymeaningfulchange≥10(perVAguidance):reached(worse)"),
        (phq, "+7points", "Reliablechange≥6"),
        (gad, "+14points", "Reliablechange≥4"),
    ):
        assert norm("▲ Worse") in text
        assert change in text
        assert threshold in text
        assert "Improved" not in text
    assert norm("Reliable change ≥ 15–18 (per Marx et al. 2022): within the range (worse)") in pcl
    assert norm("20 → 35") in pcl and norm("5 Jan 2026 → 26 Jan 2026") in pcl


def test_improvement_with_response_and_remission(vault: Vault, tmp_path: Path) -> None:
    journal(vault, {"pcl5": [50, 40, 30, 20], "phq9": [16, 12, 8, 4], "gad7": [12, 9, 5, 3]})
    cover = cover_of(vault, tmp_path, selection())
    for text in (
        row(cover, "PCL-5", "PHQ-9"),
        row(cover, "PHQ-9", "GAD-7"),
        row(cover, "GAD-7", "Lower totals"),
    ):
        assert norm("▼ Improved") in text
        assert norm("drop): yes") in text
        assert norm("Remission") in text and "):yes" in text.split(norm("Remission"))[1][:30]
    assert norm("Remission (below 31–33): yes") in row(cover, "PCL-5", "PHQ-9")
    assert norm("Remission (< 5): yes") in row(cover, "PHQ-9", "GAD-7")


def test_no_reliable_change(vault: Vault, tmp_path: Path) -> None:
    journal(vault, {"pcl5": [40, 38, 35, 32], "phq9": [10, 9, 8, 7], "gad7": [8, 7, 7, 6]})
    cover = cover_of(vault, tmp_path, selection())
    for text in (row(cover, "PCL-5", "PHQ-9"), row(cover, "PHQ-9", "GAD-7")):
        assert norm("No reliable change") in text and "Worse" not in text
        assert "Improved" not in text
    assert norm("−8 points") in row(cover, "PCL-5", "PHQ-9")
    assert norm("Reliable change ≥ 6 (NHS Talking Therapies") in row(cover, "PHQ-9", "GAD-7")
    assert norm("not reached") in row(cover, "GAD-7", "Lower totals")


def test_missing_administrations_are_named_never_filled_in(vault: Vault, tmp_path: Path) -> None:
    journal(vault, {"pcl5": [40, 38, 35, 32], "phq9": [10, 9, 8, 7], "gad7": [8, 7, None, 6]})
    doc = gather_share(vault, selection(), now=NOW).document
    gad = next(m for m in doc.measures if m.instrument_id == "gad7")
    assert len(gad.points) == 3  # nothing invented
    cover = cover_of(vault, tmp_path, selection())
    assert norm("Missing: 1 expected (weekly) with no answer: 19 Jan–25 Jan") in row(
        cover, "GAD-7", "Lower totals"
    )
    assert norm("Missing: none (weekly)") in row(cover, "PHQ-9", "GAD-7")


def test_item9_shared_lists_every_date_above_zero_on_the_cover(
    vault: Vault, tmp_path: Path
) -> None:
    journal(vault, {"phq9": [12, 14, 13, 15]}, item9=[0, 2, 0, 1])
    cover = norm(cover_of(vault, tmp_path, selection(include_item9=True)))
    assert norm("answers above 0 on 2 of 4 dates") in cover
    assert norm("Mon 12 Jan 2026: 2 – More than half the days") in cover
    assert norm("Mon 26 Jan 2026: 1 – Several days") in cover
    assert norm("A 0 does not mean the absence of risk.") in cover


def test_item9_not_shared_says_so_and_leaks_nowhere(vault: Vault, tmp_path: Path) -> None:
    journal(vault, {"phq9": [12, 14, 13, 15]}, item9=[0, 2, 0, 1])
    sel = selection(attach_data=True)
    cover = norm(cover_of(vault, tmp_path, sel, "hidden.pdf"))
    assert norm("PHQ-9 item 9 (thoughts of death or self-harm): not shared.") in cover
    path = tmp_path / "hidden.pdf"
    text = norm(pdftotext(path))
    assert norm("More than half the days") not in text
    doc = gather_share(vault, sel, now=NOW).document
    phq = doc.measures[0]
    assert all(p.answers[8] is None for p in phq.points)  # not in the attachments either


def test_glance_is_in_reading_order_on_page_one(vault: Vault, tmp_path: Path) -> None:
    journal(vault, {"pcl5": [20, 24, 30, 35], "phq9": [5, 7, 9, 12], "gad7": [4, 8, 12, 18]})
    cover = norm(cover_of(vault, tmp_path, selection(note="Please read the BP note.")))
    order = [
        "Integration summary",
        "At a glance",
        "PCL-5",
        "PHQ-9",
        "GAD-7",
        "PHQ-9 item 9",
        "Note from the patient",
        "Session timeline",
        "172/104 → 150/95",
    ]
    at = 0
    for needle in order:
        found = cover.find(norm(needle), at)
        assert found >= 0, f"{needle!r} missing from page 1 or out of order"
        at = found


def test_session_table_shows_what_the_patient_recorded(vault: Vault, tmp_path: Path) -> None:
    journal(vault, {"phq9": [10, 9, 8, 7]})
    path = tmp_path / "s.pdf"
    export_pdf(gather_share(vault, selection(), now=NOW).document, path)
    text = norm(pdftotext(path))
    for needle in (
        "300 mg",
        "172/104 → 150/95",
        "Support person",
        "7 / 3",
        "Patient's notes: strong dissociation, nausea",
        "IM",
        "Clinic",
    ):
        assert norm(needle) in text


def test_attachments_only_when_asked_valid_fhir_and_same_scores(
    vault: Vault, tmp_path: Path
) -> None:
    journal(
        vault,
        {"pcl5": [50, 40, 30, 20], "phq9": [16, 12, 8, 4], "gad7": [12, 9, 5, 3]},
        difficulty=1,
    )
    plain = tmp_path / "plain.pdf"
    export_pdf(gather_share(vault, selection(), now=NOW).document, plain)
    listing = run("pdfdetach", "-list", str(plain)).stdout.decode()
    assert listing.startswith("0 embedded files")

    doc = gather_share(vault, selection(attach_data=True), now=NOW).document
    withdata = tmp_path / "data.pdf"
    export_pdf(doc, withdata)
    listing = run("pdfdetach", "-list", str(withdata)).stdout.decode()
    assert "13 embedded files" in listing and "scores.csv" in listing
    assert run("qpdf", "--check", str(withdata)).returncode == 0
    out = tmp_path / "files"
    out.mkdir()
    assert run("pdfdetach", "-saveall", "-o", str(out), str(withdata)).returncode == 0
    expected = {
        (m.instrument_id, p.taken_at.date()): (p.total, list(p.answers))
        for m in doc.measures
        for p in m.points
    }
    seen = 0
    for f in sorted(out.glob("*.fhir.json")):
        data = json.loads(f.read_text("utf-8"))
        QuestionnaireResponse.model_validate(data)  # structural validation (R4B model)
        total, answers = scores_from_response(data)
        family = f.name.split("-")[0]
        day = date.fromisoformat(data["authored"][:10])
        assert expected[(family, day)] == (total, answers)
        panel = data["contained"][0]["code"][0]
        if family == "phq9":
            assert (panel["system"], panel["code"]) == ("http://loinc.org", "44249-1")
        if family == "gad7":
            assert panel["code"] == "69737-5"
            total_code = data["contained"][0]["item"][-1]["code"][0]["code"]
            assert total_code == "70274-6"
        if family == "pcl5":
            assert panel["system"] == "urn:integrate:code"  # no verified LOINC code
        seen += 1
    assert seen == 12
    csv_rows = (out / "scores.csv").read_text("utf-8").splitlines()
    assert csv_rows[0].startswith("measure,instrument,taken_at,total,max,band,difficulty,item_1")
    assert len(csv_rows) == 13
    assert any(",Somewhat difficult," in r for r in csv_rows)


def test_password_encrypts_the_attachments(vault: Vault, tmp_path: Path) -> None:
    journal(vault, {"phq9": [16, 12, 8, 4], "gad7": [12, 9, 5, 3]})
    doc = gather_share(vault, selection(attach_data=True), now=NOW).document
    path = tmp_path / "locked.pdf"
    export_pdf(doc, path, password="tell me aloud 42")
    raw = path.read_bytes()
    # Decrypted (with the password) and uncompressed, the score rows are there, so the
    # check that follows means something; in the file as saved none of them is readable,
    # not even after uncompressing what can be uncompressed without the password.
    row_bytes = b"GAD-7,gad7,2026-01-05T20:00:00+00:00,12,21,moderate"
    assert row_bytes in qdf_text(path, tmp_path, password="tell me aloud 42")
    unlocked = tmp_path / "plain.pdf"
    unlocked.write_bytes(render_pdf(doc))
    assert row_bytes in qdf_text(unlocked, tmp_path)
    for needle in (row_bytes, b"measure,instrument", b"QuestionnaireResponse", b"44249-1"):
        assert needle not in raw
    assert run("qpdf", "--check", f"--password={'tell me aloud 42'}", str(path)).returncode == 0
    listing = run("pdfdetach", "-list", "-upw", "tell me aloud 42", str(path)).stdout.decode()
    assert "embedded files" in listing and "scores.csv" in listing


def test_thresholds_come_from_one_place(vault: Vault, tmp_path: Path) -> None:
    """The cover prints the loaded rules, not numbers of its own."""
    journal(vault, {"phq9": [5, 7, 9, 12]})
    cover = row(cover_of(vault, tmp_path, selection()), "PHQ-9", "Lower totals")
    phq = RULES["phq9"]
    assert norm(f"Reliable change ≥ {phq.deciding.points}") in cover
    assert norm(f"Remission ({phq.remission_text})") in cover
    assert norm(f"(≥ {phq.response_drop * 100:.0f} % drop)") in cover


def _body(page_text: str) -> str:
    """A page's text without the header and footer lines."""
    lines = [ln.strip() for ln in page_text.splitlines() if ln.strip()]
    furniture = ("Shared by the patient", "Integration summary ·", "Page ")
    return "\n".join(ln for ln in lines if not ln.startswith(furniture))


def test_session_notes_stay_with_their_row_and_no_page_is_blank(
    sample_document, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    doc = sample_document(entries=3, with_long_entry=False, clinical=True)
    first = doc.sessions[0]
    doc.sessions = [
        dataclasses.replace(
            first,
            at=first.at + timedelta(days=i),
            notes=f"note {i}: " + "long observation " * (i % 4),
        )
        for i in range(45)
    ]
    path = tmp_path / "many.pdf"
    export_pdf(doc, path)
    pages = int(run("pdfinfo", str(path)).stdout.decode().split("Pages:")[1].split()[0])
    assert pages >= 3
    for n in range(1, pages + 1):
        body = _body(pdftotext(path, "-layout", first=n, last=n))
        assert body, f"page {n} is blank"
        lines = [
            ln for ln in body.splitlines() if not ln.startswith(("Date", "person", "after", "(0"))
        ]
        if n > 1 and "Session timeline" not in body and lines:
            # A continued session table never starts with a notes line torn from its row.
            torn = lines[0].lstrip().startswith(("Patient's notes", "Intention"))
            assert not torn, f"page {n} starts with {lines[0]!r}"
