-- Version 2 adds users.
INSERT INTO app_user (name, password_hash, role, exercise_id, team, venues, created_at, disabled_at)
  VALUES ('佐藤', '${PASSWORD_HASH}', 'trainee', 'old1', 1, '', TIMESTAMP WITH TIME ZONE '2026-11-20 00:50:00+00', NULL);
INSERT INTO app_user (name, password_hash, role, exercise_id, team, venues, created_at, disabled_at)
  VALUES ('tanaka', '${PASSWORD_HASH}', 'assistant', '', 0, 'osaka', TIMESTAMP WITH TIME ZONE '2026-11-20 00:51:00+00', NULL);
INSERT INTO journal (exercise_id, team, at_time, type, actor, once_key, payload)
  VALUES ('-', NULL, TIMESTAMP WITH TIME ZONE '2026-11-20 00:50:00+00', 'access.user.created',
          'cli', NULL, '{"user":"佐藤","role":"trainee"}');
