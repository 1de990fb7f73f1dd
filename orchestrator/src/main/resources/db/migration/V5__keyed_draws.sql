-- The installation's draw key: mixed into every exercise's seed, so that a team's draws (victim,
-- C2 domain, accounts, passwords) cannot be recomputed from the scenario and the seed alone.
-- One row, made with a secure random source the first time an exercise needs it.
CREATE TABLE installation_key (
  id          INT          NOT NULL PRIMARY KEY,
  secret      VARCHAR(128) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Exercises made before the key existed keep drawing from their seed alone (their ranges were
-- built from those draws); every new exercise draws from its seed and the key.
ALTER TABLE exercise ADD COLUMN keyed_draws BOOLEAN DEFAULT FALSE NOT NULL;
