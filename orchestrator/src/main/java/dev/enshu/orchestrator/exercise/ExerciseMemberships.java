package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.access.Memberships;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Teams' members and venues as the stored exercises have them, for the access rules. */
@Component
public final class ExerciseMemberships implements Memberships {
  private final ExerciseStore store;

  public ExerciseMemberships(ExerciseStore store) {
    this.store = store;
  }

  @Override
  public Optional<Integer> teamListing(String exerciseId, String user) {
    return store
        .find(exerciseId)
        .flatMap(
            e ->
                e.teams().stream()
                    .filter(t -> t.members().contains(user))
                    .map(Team::number)
                    .findFirst());
  }

  @Override
  public Set<String> venues(String exerciseId) {
    Set<String> venues = new LinkedHashSet<>();
    store
        .find(exerciseId)
        .ifPresent(
            e -> {
              e.venues().forEach(v -> venues.add(v.id()));
              e.teams().forEach(t -> venues.add(String.valueOf(t.venue())));
            });
    return venues;
  }

  @Override
  public Optional<String> venueOf(String exerciseId, int team) {
    return store.find(exerciseId).flatMap(e -> e.team(team)).map(t -> String.valueOf(t.venue()));
  }
}
