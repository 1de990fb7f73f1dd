-- The journal as a hash chain (journal.JournalChain): each event's hash covers the hash of the
-- event before it in the same exercise and its own content, so an edited, deleted or reordered
-- event breaks the chain from there on. Events stored before this migration have none: an
-- exercise's chain starts at its first hashed event.
ALTER TABLE journal ADD COLUMN hash VARCHAR(64);
-- the chain's head (the exercise's last event) is read on every append
CREATE INDEX journal_chain ON journal (exercise_id, seq);
