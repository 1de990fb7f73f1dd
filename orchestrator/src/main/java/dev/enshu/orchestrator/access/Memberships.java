package dev.enshu.orchestrator.access;

import java.util.Optional;
import java.util.Set;

/**
 * What the access rules need to know of exercises: which team lists a user among its members, and
 * which venues an exercise and its teams are at. Access asks; the exercise feature, which owns
 * teams and venues, answers ({@code exercise.ExerciseMemberships}), so that access does not depend
 * on exercise while exercise's controllers ask access. Thread-safe; reads the current state on each
 * call, so a change of members or venues counts at once.
 */
public interface Memberships {

  /** The number of the team of the exercise whose members list names {@code user}, if any. */
  Optional<Integer> teamListing(String exerciseId, String user);

  /**
   * The venues of the exercise: the ids of its venues and the venue of each of its teams (a team
   * without one as {@code "null"}); empty when there is no such exercise.
   */
  Set<String> venues(String exerciseId);

  /**
   * The venue of a team (as {@code "null"} when it has none), or empty when the exercise or the
   * team does not exist.
   */
  Optional<String> venueOf(String exerciseId, int team);
}
