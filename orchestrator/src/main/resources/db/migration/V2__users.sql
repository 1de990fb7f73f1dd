-- Users who log in. The password is stored only as a DelegatingPasswordEncoder hash ({bcrypt}...,
-- {argon2}...). A trainee may be bound to one exercise and team (exercise_id, team); a trainee
-- left unbound belongs to the teams whose members list holds their name. An assistant helps the
-- teams of the venues listed in venues (one venue id a line). A disabled user cannot log in.
CREATE TABLE app_user (
  name          VARCHAR(128)  NOT NULL PRIMARY KEY,
  password_hash VARCHAR(512)  NOT NULL,
  role          VARCHAR(16)   NOT NULL,
  exercise_id   VARCHAR(64)   NOT NULL DEFAULT '',
  team          INT           NOT NULL DEFAULT 0,
  venues        VARCHAR(4000) NOT NULL DEFAULT '',
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  disabled_at   TIMESTAMP WITH TIME ZONE
);
