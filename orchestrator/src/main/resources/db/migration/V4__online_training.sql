-- Whether a user may start online self-paced runs. Only trainees and instructors can be allowed,
-- and only explicitly (enshu users online NAME --allow, or POST /api/users/{name}/online): every
-- user, old or new, starts without it.
ALTER TABLE app_user ADD COLUMN online_training BOOLEAN DEFAULT FALSE NOT NULL;
