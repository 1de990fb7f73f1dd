package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonValue;

/** The course level a scenario is written for, as CYDER's courses are graded. */
public enum Level {
  /** Beginner: every prefecture's staff, and the online course for individuals. */
  A("A"),
  /** Intermediate: local governments, national bodies, critical infrastructure and companies. */
  B("B"),
  /** Advanced: two-day course. */
  C("C");

  private final String id;

  Level(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }
}
