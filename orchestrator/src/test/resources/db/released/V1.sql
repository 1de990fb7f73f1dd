-- What a server at schema version 1 had stored: a finished exercise with a venue, a team and its
-- journal (no users, no hashes yet).
INSERT INTO exercise (id, scenario, seed, mode, provider, speed, state, reason, created_at)
  VALUES ('old1', 'phishing-ransomware', 7, 'SATELLITE', 'docker', 2.0, 'FINISHED', NULL,
          TIMESTAMP WITH TIME ZONE '2026-11-20 01:00:00+00');
INSERT INTO venue (exercise_id, id, name) VALUES ('old1', 'osaka', '大阪会場');
INSERT INTO team (exercise_id, number, name, venue, members, state, reason, address_block,
                  started_at, paused_at, paused_millis)
  VALUES ('old1', 1, 'チーム1', 'osaka', '佐藤
鈴木', 'FINISHED', NULL, '10.200.0.0/20', TIMESTAMP WITH TIME ZONE '2026-11-20 01:05:00+00',
          NULL, 1500);
INSERT INTO journal (exercise_id, team, at_time, type, actor, once_key, payload)
  VALUES ('old1', NULL, TIMESTAMP WITH TIME ZONE '2026-11-20 01:00:00+00', 'exercise.created',
          'instructor', NULL, '{"scenario":"phishing-ransomware"}');
INSERT INTO journal (exercise_id, team, at_time, type, actor, once_key, payload)
  VALUES ('old1', 1, TIMESTAMP WITH TIME ZONE '2026-11-20 01:06:00.123456+00', 'inject.fired',
          'timeline', 'timeline:1:phish', '{"item":"phish","note":"日本語"}');
