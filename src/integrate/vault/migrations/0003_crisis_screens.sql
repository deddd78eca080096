-- The crisis screen shown during a questionnaire the patient then left without saving
-- (PHQ-9 item 9 above 0). Only that it was shown, when, and for which questionnaire:
-- never the answers, which the patient chose not to keep. When the questionnaire is
-- saved, the administration's crisis_shown carries it and the row here is removed in the
-- same transaction.
CREATE TABLE crisis_screens (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    instrument  TEXT NOT NULL,              -- resource id, e.g. 'phq9'
    shown_at    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
-- measures.series_id is neither read nor written any more: a measure's series is worked
-- out from the dates (docs/decisions.md). Emptied so no stale series link stays in the
-- file; the column itself stays (decisions.md says why it is not dropped).
UPDATE measures SET series_id = NULL;
