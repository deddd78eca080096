-- What an entry is for, as a stored role, never its translated title: 'checkin_free' is a
-- check-in's free-writing box. Before this version the box found its entry by comparing
-- the title with the check-in's English name (which a change of language would break);
-- entries written that way get their role here, from the same names.
ALTER TABLE entries ADD COLUMN role TEXT;
UPDATE entries SET role = 'checkin_free'
WHERE prompt_id IS NULL
  AND checkin_id IS NOT NULL
  AND title = (
    SELECT CASE c.phase
        WHEN 'preparation' THEN 'Getting ready'
        WHEN 'same_day' THEN 'Same-day check-in'
        WHEN 'day_1' THEN 'Day 1 check-in'
        WHEN 'day_2' THEN 'Day 2 check-in'
        WHEN 'day_3' THEN 'Day 3 check-in'
        WHEN 'between' THEN 'Between sessions'
        WHEN 'series_review' THEN 'Looking back on the series'
        WHEN 'therapy_prep' THEN 'Preparing for therapy'
    END
    FROM checkins c WHERE c.id = entries.checkin_id
  );
