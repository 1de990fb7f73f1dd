-- The append-only journal: everything that happens in an exercise, in order. An event that may
-- happen only once (an inject fired for a team) carries a once_key; the database refuses a second.
CREATE TABLE journal (
  seq         BIGINT       NOT NULL PRIMARY KEY,
  exercise_id VARCHAR(64)  NOT NULL,
  team        INT,
  at_time     TIMESTAMP    NOT NULL,
  type        VARCHAR(64)  NOT NULL,
  actor       VARCHAR(128) NOT NULL,
  once_key    VARCHAR(256),
  payload     CLOB         NOT NULL
);
CREATE INDEX journal_exercise ON journal (exercise_id, team, seq);
CREATE UNIQUE INDEX journal_once ON journal (exercise_id, once_key);
