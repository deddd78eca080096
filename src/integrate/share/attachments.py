"""Machine-readable scores embedded in the therapist PDF (opt-in: `--attach-data`).

One CSV with a row per administration, and one FHIR R4 QuestionnaireResponse (JSON) per
administration. Only what the PDF itself shows goes in: the same administrations, and
PHQ-9 item 9 only when the patient shared it (otherwise the answer is left out; the
total, printed in the PDF too, is kept).

Codes: LOINC where verified (resources/codes.toml: PHQ-9 panel 44249-1, total 44261-6;
GAD-7 panel 69737-5, total 70274-6); a local code system for everything else (PCL-5,
item codes). Each response carries a contained Questionnaire holding those codes, since
a QuestionnaireResponse has no code of its own.

No Qt here: pypdf adds the files (`attach`); encrypting the PDF afterwards (AES-256)
encrypts the embedded files with it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from integrate.resources import load_toml
from integrate.share.content import MeasurePoint, MeasureTrend, ShareDocument
from integrate.share.pdf_security import NEUTRAL_CREATOR

CODES_FILE = "codes.toml"
CSV_NAME = "scores.csv"


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes


def _codes() -> dict[str, Any]:
    return load_toml(CODES_FILE)


def _coding(family: str, which: str) -> dict[str, str]:
    """LOINC coding for the panel/total of a family where verified, else a local code."""
    codes = _codes()
    loinc = codes["loinc"]
    fam = loinc.get(family)
    if isinstance(fam, dict) and which in fam:
        return {"system": loinc["system"], "code": fam[which]}
    return {"system": codes["local_system"], "code": f"{family}-{which}"}


def _stamp(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _file_stem(m: MeasureTrend, index: int, p: MeasurePoint) -> str:
    return f"{m.instrument_id}-{p.taken_at:%Y-%m-%d}-{index + 1}"


def scores_csv(doc: ShareDocument) -> bytes:
    """Every administration in the summary: one row each, items as columns."""
    width = max((len(p.answers) for m in doc.measures for p in m.points), default=0)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["measure", "instrument", "taken_at", "total", "max", "band", "difficulty"]
        + [f"item_{n}" for n in range(1, width + 1)]
    )
    for m in doc.measures:
        for p in m.sorted_points():
            answers = ["" if a is None else str(a) for a in p.answers]
            answers += [""] * (width - len(answers))
            writer.writerow(
                [
                    m.name,
                    p.instrument_id or m.instrument_id,
                    _stamp(p.taken_at),
                    p.total,
                    m.max_total,
                    p.band or "",
                    p.difficulty or "",
                    *answers,
                ]
            )
    return out.getvalue().encode("utf-8")


def questionnaire_response(m: MeasureTrend, p: MeasurePoint, index: int) -> dict[str, Any]:
    """One administration as a FHIR R4 QuestionnaireResponse (a JSON-ready dict)."""
    local = _codes()["local_system"]
    family = m.instrument_id
    q_items: list[dict[str, Any]] = []
    r_items: list[dict[str, Any]] = []
    for n, answer in enumerate(p.answers, start=1):
        link = f"item-{n}"
        text = m.item_texts[n - 1] if n - 1 < len(m.item_texts) else f"Item {n}"
        q_items.append(
            {
                "linkId": link,
                "text": text,
                "type": "choice",
                "code": [{"system": local, "code": f"{family}-item-{n}"}],
            }
        )
        item: dict[str, Any] = {"linkId": link, "text": text}
        if answer is not None:
            item["answer"] = [
                {
                    "valueCoding": {
                        "system": f"{local}:{family}:answer",
                        "code": str(answer),
                        "display": m.option_labels.get(answer, str(answer)),
                    }
                }
            ]
        r_items.append(item)
    q_items.append(
        {
            "linkId": "total",
            "text": f"{m.name} total score",
            "type": "integer",
            "code": [_coding(family, "total")],
        }
    )
    r_items.append(
        {"linkId": "total", "text": f"{m.name} total score", "answer": [{"valueInteger": p.total}]}
    )
    return {
        "resourceType": "QuestionnaireResponse",
        "id": _file_stem(m, index, p),
        "contained": [
            {
                "resourceType": "Questionnaire",
                "id": "q",
                "status": "active",
                "name": family.upper(),
                "title": m.name,
                "code": [_coding(family, "panel")],
                "item": q_items,
            }
        ],
        "questionnaire": "#q",
        "status": "completed",
        "authored": _stamp(p.taken_at),
        "item": r_items,
    }


def build_attachments(doc: ShareDocument) -> list[Attachment]:
    """The CSV and one FHIR JSON per administration, in the summary's order."""
    files = [Attachment(CSV_NAME, scores_csv(doc))]
    for m in doc.measures:
        for i, p in enumerate(m.sorted_points()):
            resource = questionnaire_response(m, p, i)
            data = json.dumps(resource, ensure_ascii=False, indent=2).encode("utf-8")
            files.append(Attachment(f"{_file_stem(m, i, p)}.fhir.json", data))
    return files


def attach(pdf_bytes: bytes, files: list[Attachment]) -> bytes:
    """The PDF with `files` embedded as attachments (pypdf)."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    writer = PdfWriter(clone_from=reader)
    for f in files:
        writer.add_attachment(f.name, f.data)
    # Keep the neutral properties: pypdf may write its own producer string.
    if writer._info is not None:
        info = writer._info.get_object()
        assert isinstance(info, DictionaryObject)
        info[NameObject("/Producer")] = TextStringObject(NEUTRAL_CREATOR)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scores_from_response(resource: dict[str, Any]) -> tuple[int, list[int | None]]:
    """Total and item answers read back from a QuestionnaireResponse (for checks)."""
    total = 0
    answers: list[int | None] = []
    for item in resource["item"]:
        if item["linkId"] == "total":
            total = int(item["answer"][0]["valueInteger"])
        else:
            given = item.get("answer")
            answers.append(int(given[0]["valueCoding"]["code"]) if given else None)
    return total, answers
