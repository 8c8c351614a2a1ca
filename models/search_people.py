"""The search index's people as they survive joins: a participant or contact is found by the
person its person was joined into (`person_join`, models/joins.py).

The final target follows the rule of models/joins.py:final_targets — the smaller id of two joins,
a chain to its end, a ring at its smallest id — computed in SQL, because the index's triggers run
on every connection, where no Python function of ours is registered. SQLite allows no WITH in a
trigger's statements, but a view of one: `search_person_target`. The triggers read its result
from a table, `search_person_final`, kept by the triggers on `person_join` (and by every fill):
one indexed lookup a row, where the view would walk every join again. Filling the index and
comparing it with the records (`innsikt check`) read the view itself.
"""

from __future__ import annotations

PERSON_TARGETS = "search_person_target"
# `walk`: from each absorbed id one row a step (the start at depth -1), stopping at an id no live
# join absorbed or one already on the path; the last step's id is the target or, where that step
# closed a ring, the smallest id of the ring (the steps from that id's first visit on).
TARGETS_VIEW = f"""
CREATE VIEW IF NOT EXISTS {PERSON_TARGETS} (absorbed, final) AS
WITH RECURSIVE direct (absorbed, into_id) AS (
    SELECT person_id, min(into_id) FROM person_join WHERE deleted = 0 GROUP BY person_id
), walk (start, node, path, depth) AS (
    SELECT absorbed, absorbed, '', -1 FROM direct
    UNION ALL
    SELECT w.start, d.into_id, w.path || char(31) || w.node || char(31), w.depth + 1
    FROM walk w JOIN direct d ON d.absorbed = w.node
    WHERE instr(w.path, char(31) || w.node || char(31)) = 0
), last (start, node, path, depth) AS (
    SELECT start, node, path, max(depth) FROM walk GROUP BY start
)
SELECT * FROM (
    SELECT l.start AS absorbed, CASE
        WHEN instr(l.path, char(31) || l.node || char(31)) = 0 THEN l.node
        ELSE (SELECT min(ring.node) FROM walk ring WHERE ring.start = l.start
              AND ring.depth < l.depth AND ring.depth >= (SELECT min(first.depth) FROM walk first
                  WHERE first.start = l.start AND first.node = l.node))
    END AS final
    FROM last l
) WHERE final != absorbed;
"""
PERSON_FINAL = "search_person_final"
FINAL_TABLE = f"""
CREATE TABLE IF NOT EXISTS {PERSON_FINAL} (
    absorbed TEXT PRIMARY KEY, final TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_{PERSON_FINAL}_final ON {PERSON_FINAL} (final);
"""
REFRESH_FINAL = (
    f"DELETE FROM {PERSON_FINAL};",
    f"INSERT INTO {PERSON_FINAL} (absorbed, final) SELECT absorbed, final FROM {PERSON_TARGETS};",
)
# The person a row `r` names, resolved (the view looked in only for a person a join absorbed).
RESOLVED_PERSON = (
    "CASE WHEN EXISTS (SELECT 1 FROM person_join pj WHERE pj.person_id = r.person_id "
    f"AND pj.deleted = 0) THEN coalesce((SELECT t.final FROM {PERSON_TARGETS} t "
    "WHERE t.absorbed = r.person_id), r.person_id) ELSE r.person_id END"
)
PERSON_JOIN = f"JOIN person p ON p.id = {RESOLVED_PERSON} AND p.deleted = 0"
# Where the person of a join record's row (`{row}`) resolves to now.
FINAL_OF_ROW = (
    f"SELECT coalesce((SELECT f.final FROM {PERSON_TARGETS} f "
    "WHERE f.absorbed = {row}.person_id), {row}.person_id) AS final"
)
