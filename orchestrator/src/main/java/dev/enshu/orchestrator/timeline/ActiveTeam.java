package dev.enshu.orchestrator.timeline;

import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.scenario.Scenario;

/** A team whose scenario clock runs (or is paused), with what its timeline needs. */
public record ActiveTeam(
    String exerciseId,
    Team team,
    double speed,
    Scenario scenario,
    RangePlan plan,
    ActionRunner actions) {
  String key() {
    return exerciseId + "/" + team.number();
  }
}
