package dev.enshu.orchestrator.exercise;

import java.util.List;

/**
 * What an instructor asks for when creating an exercise. Missing values take defaults: a generated
 * id, seed 1, central delivery, the Docker provider, real time.
 */
public record ExerciseRequest(
    String id,
    String scenario,
    Long seed,
    Exercise.Mode mode,
    String provider,
    Double speed,
    List<Exercise.Venue> venues,
    List<TeamRequest> teams) {

  /** A team to add: its name, venue and members. */
  public record TeamRequest(String name, String venue, List<String> members) {}
}
