"""A realistic sample therapist summary, shared by the share tests and the benchmark."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from integrate.share.content import (
    Band,
    EntryRow,
    HelpRow,
    Item9Row,
    MeasurePoint,
    MeasureTrend,
    RatingPoint,
    RatingsCourse,
    SessionRow,
    ShareDocument,
)

TZ = ZoneInfo("Europe/Berlin")

INJECTION_IMG = '<img src="file:///etc/passwd">'
INJECTION_LINK = '<a href="https://x">link</a>'
INJECTION_BOLD = "<b>bold</b>"
ARABIC = "أشعر بالهدوء اليوم"
HEBREW = "אני מרגיש רגוע היום"
CJK = "今日は落ち着いている"
ACCENTS = "Crème brûlée, façade, naïve, Øresund, Łódź"
LONG_MARKER_START = "LONGENTRYSTART"
LONG_MARKER_END = "LONGENTRYEND"
NOTE_TEXT = "Please look at the entries from the week of the third session."
THERAPIST = "Dr. Amélie Laurent"
PATIENT = "Jordan Müller"
SERIES_NAME = "Spring series"


def _dt(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


PHQ9_BANDS = [
    Band(0, 4, "minimal"),
    Band(5, 9, "mild"),
    Band(10, 14, "moderate"),
    Band(15, 19, "moderately severe"),
    Band(20, 27, "severe"),
]
GAD7_BANDS = [
    Band(0, 4, "minimal"),
    Band(5, 9, "mild"),
    Band(10, 14, "moderate"),
    Band(15, 21, "severe"),
]
PCL5_BANDS = [
    Band(0, 32, "below provisional cut-off"),
    Band(33, 80, "at/above provisional cut-off"),
]


def _band(bands: list[Band], total: int) -> str:
    return next(b.label for b in bands if b.min <= total <= b.max)


def long_body(paragraphs: int = 40) -> str:
    para = (
        "Today I went for a long walk by the river and noticed how the light moved on the "
        "water. Some memories came up and I let them pass without pushing them away. "
        "I wrote down three things I want to bring to therapy next week."
    )
    body = [LONG_MARKER_START] + [f"{i + 1}. {para}" for i in range(paragraphs)] + [LONG_MARKER_END]
    return "\n\n".join(body)


def make_document(
    *,
    entries: int = 8,
    with_long_entry: bool = True,
    include_item9: bool = False,
    page_size: str = "A4",
    clinical: bool = False,
) -> ShareDocument:
    """A realistic summary: 6 sessions, three instruments, varied entries.

    `clinical=True` adds what issue 16 brought (for the benchmark): outcomes against
    resources/outcomes.toml, recorded session details, the check-in course, flagged
    entries, item answers and the data attachments.
    """
    start = date(2026, 9, 1)
    sessions = []
    for i in range(6):
        day = start + timedelta(days=3 * i + (i // 3) * 2)
        sessions.append(
            SessionRow(
                at=_dt(day, 9, 30),
                kind="Ketamine session",
                route="Sublingual" if i % 2 else "IV",
                setting="Clinic" if i % 2 == 0 else "Home",
                intention=(
                    f"To stay with whatever comes up, gently (session {i + 1})" if i != 2 else None
                ),
            )
        )
    sessions.append(
        SessionRow(at=_dt(start + timedelta(days=4), 16), kind="Therapy", is_dosing=False)
    )

    def weekly(
        totals: list[int], bands: list[Band], subs: list[dict[str, int]] | None = None
    ) -> list[MeasurePoint]:
        return [
            MeasurePoint(
                taken_at=_dt(start + timedelta(days=7 * i), 20),
                total=t,
                subscales=(subs[i] if subs else {}),
                band=_band(bands, t),
            )
            for i, t in enumerate(totals)
        ]

    pcl_subs = [
        {"B": 13, "C": 6, "D": 19, "E": 14},
        {"B": 12, "C": 6, "D": 16, "E": 13},
        {"B": 9, "C": 5, "D": 14, "E": 11},
        {"B": 8, "C": 4, "D": 12, "E": 10},
        {"B": 6, "C": 3, "D": 10, "E": 9},
    ]
    measures = [
        MeasureTrend(
            instrument_id="pcl5",
            name="PCL-5",
            max_total=80,
            title="PTSD symptoms (past month)",
            points=weekly([sum(s.values()) for s in pcl_subs], PCL5_BANDS, pcl_subs),
            bands=PCL5_BANDS,
            subscale_labels={
                "B": "Intrusion",
                "C": "Avoidance",
                "D": "Negative cognitions and mood",
                "E": "Arousal and reactivity",
            },
            note=(
                "Per VA guidance, a change of 5 points is a minimal response and 10 points "
                "is clinically meaningful."
            ),
            attribution="PCL-5: Weathers et al., National Center for PTSD (public domain).",
        ),
        MeasureTrend(
            instrument_id="phq9",
            name="PHQ-9",
            max_total=27,
            title="Depression (last 2 weeks)",
            points=weekly([16, 14, 11, 9, 8], PHQ9_BANDS),
            bands=PHQ9_BANDS,
            attribution=(
                "PHQ-9: Spitzer, Williams, Kroenke et al.; no permission required to reproduce."
            ),
        ),
        MeasureTrend(
            instrument_id="gad7",
            name="GAD-7",
            max_total=21,
            title="Anxiety (last 2 weeks)",
            points=weekly([13, 12, 10, 8, 6], GAD7_BANDS),
            bands=GAD7_BANDS,
            attribution=(
                "GAD-7: Spitzer, Williams, Kroenke et al.; no permission required to reproduce."
            ),
        ),
    ]
    bodies = [
        f"{ACCENTS}. Felt lighter after the session.",
        f"{ARABIC}\n{HEBREW}",
        f"{CJK}。散歩をしました。",
        f"I pasted this: {INJECTION_IMG} and {INJECTION_LINK} and {INJECTION_BOLD}.",
        "Short note: slept well. Emoji: \U0001f33f\U0001f60a",
        "Body felt heavy in the morning;\nby the evening it eased.\n\nTwo blank lines above.",
        "Talked to my sister about the plan. She will come on Thursday.",
        "Noticed I avoided the street again, but I also noticed I could breathe through it.",
    ]
    entry_rows = []
    for i in range(entries):
        entry_rows.append(
            EntryRow(
                created_at=_dt(start + timedelta(days=i + 1), 19, 15),
                title=[
                    "Evening after",
                    "",
                    "Walk",
                    "Pasted text",
                    "Sleep",
                    "Body",
                    "Family",
                    "Street",
                ][i % 8],
                body=bodies[i % len(bodies)],
                prompt="What stayed with you from the session?" if i % 3 == 0 else None,
                ratings={"Distress": f"{(7 - i) % 10}/10", "Mood": f"{(3 + i) % 10}/10"}
                if i % 2 == 0
                else {},
                tags=["sleep", "family"] if i % 4 == 1 else [],
                phase_label="Day 1 after a session" if i % 3 == 0 else None,
            )
        )
    if with_long_entry:
        entry_rows.append(
            EntryRow(
                created_at=_dt(start + timedelta(days=20), 21),
                title="A long evening",
                body=long_body(),
                prompt="Looking back over the series, what changed and what stayed?",
                ratings={"Distress": "3/10"},
            )
        )
    doc = ShareDocument(
        period_from=start,
        period_to=date(2026, 10, 15),
        generated_at=datetime(2026, 10, 16, 10, 5, tzinfo=TZ),
        patient_name_display=PATIENT,
        therapist_name=THERAPIST,
        note=NOTE_TEXT + "\nThank you.",
        sessions=sessions,
        measures=measures,
        entries=entry_rows,
        what_helps=[
            HelpRow("Extended-exhale breathing", 9, 6.2, 3.8, "Works best sitting down"),
            HelpRow("5-4-3-2-1 senses", 5, 7.0, 4.6),
            HelpRow("Walking by the river", None, None, None, "Not rated"),
        ],
        safety_plan={
            "Warning signs": ["Not sleeping for two nights", "Pulling away from friends"],
            "Things I can do myself": [
                "Cold water on my face",
                "Orienting: name the date and place",
            ],
            "People I can call": ["My sister (evenings)", "Friend Sam"],
            "Crisis lines": ["TelefonSeelsorge 0800 111 0 111", "Emergency 112"],
        },
        include_item9=include_item9,
        item9_rows=[
            Item9Row(_dt(start, 20), 1, "Several days"),
            Item9Row(_dt(start + timedelta(days=7), 20), 0, "Not at all"),
        ],
        # The six sessions' series, shaded and named on the charts.
        series_spans=[(_dt(start, 0), _dt(sessions[5].at.date(), 23, 59), SERIES_NAME)],
        page_size=page_size,  # type: ignore[arg-type]
    )
    if clinical:
        _add_clinical(doc)
    return doc


def _add_clinical(doc: ShareDocument) -> None:
    from dataclasses import replace

    from integrate.core.outcomes import assess, load_outcome_rules

    rules = load_outcome_rules()
    counts = {"pcl5": 20, "phq9": 9, "gad7": 7}
    for i, m in enumerate(doc.measures):
        n = counts[m.instrument_id]
        points = [
            replace(
                p,
                answers=tuple((p.total // n + (1 if k < p.total % n else 0)) for k in range(n)),
                difficulty="Somewhat difficult" if m.instrument_id != "pcl5" else None,
                instrument_id=m.instrument_id,
            )
            for p in m.points
        ]
        first, last = points[0].total, points[-1].total
        doc.measures[i] = replace(
            m,
            points=points,
            rules=rules[m.instrument_id],
            outcome=assess(rules[m.instrument_id], first, last),
            rhythm_days=7,
            item_texts=[f"Item {k + 1} text as on the form" for k in range(n)],
            option_labels={0: "Not at all", 1: "A little bit", 2: "Moderately"},
        )
    doc.sessions = [
        replace(
            r,
            dose="300 mg",
            support_person=True,
            bp_before="172/104",
            bp_after="150/95",
            distress_before=7,
            mood_before=3,
            notes="strong dissociation, nausea",
        )
        if r.is_dosing
        else r
        for r in doc.sessions
    ]
    doc.entries = [replace(e, flagged=i % 3 == 0) for i, e in enumerate(doc.entries)]
    doc.ratings = RatingsCourse(
        points=[
            RatingPoint(
                e.created_at, {"mood": 3 + i % 5, "distress": 7 - i % 5, "sleep_quality": 5}
            )
            for i, e in enumerate(doc.entries[:60])
        ],
        labels={"mood": "Mood", "distress": "Distress", "sleep_quality": "Sleep"},
        maxima={"mood": 10, "distress": 10, "sleep_quality": 10},
    )
    doc.attach_data = True
