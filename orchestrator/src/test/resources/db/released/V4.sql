-- Version 4 lets users train online.
INSERT INTO app_user (name, password_hash, role, exercise_id, team, venues, created_at, disabled_at,
                      online_training)
  VALUES ('yamada', '${PASSWORD_HASH}', 'trainee', '', 0, '', TIMESTAMP WITH TIME ZONE '2026-11-25 00:00:00+00', NULL, TRUE);
