package dev.enshu.orchestrator.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.Permission;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole picture for those who may view a team, the own view for its trainees. */
class TeamViewsTest {

  /** Grants what it is given, for one actor. */
  private record Granting(Actor actor, Set<Permission> granted) implements Access {
    @Override
    public Actor current() {
      return actor;
    }

    @Override
    public Optional<Actor> currentIfAny() {
      return Optional.of(actor);
    }

    @Override
    public Decision decide(Actor a, Permission permission, String exercise, Integer team) {
      return granted.contains(permission)
          ? Decision.allow("granted")
          : Decision.refuse(a.name() + " lacks " + permission + " on team " + team);
    }
  }

  private static final Actor SATO = new Actor("sato", Actor.Role.TRAINEE, "ex1", 1, null);

  @Test
  void viewersSeeTheWholeTeam() {
    var view = TeamViews.require(new Granting(SATO, Set.of(Permission.VIEW_TEAM)), "ex1", 1);
    assertThat(view.scope()).isEqualTo(TeamViews.Scope.WHOLE);
  }

  @Test
  void theTeamsTraineesSeeTheirOwnView() {
    var view = TeamViews.require(new Granting(SATO, Set.of(Permission.WORK_TEAM)), "ex1", 1);
    assertThat(view.scope()).isEqualTo(TeamViews.Scope.OWN);
    assertThat(view.actor()).isEqualTo(SATO);
  }

  @Test
  void othersAreRefusedWithBothReasons() {
    assertThatThrownBy(() -> TeamViews.require(new Granting(SATO, Set.of()), "ex1", 2))
        .isInstanceOfSatisfying(
            EnshuException.class,
            e -> assertThat(e.status()).isEqualTo(EnshuException.Status.FORBIDDEN))
        .hasMessageContaining("lacks VIEW_TEAM on team 2")
        .hasMessageContaining("lacks WORK_TEAM on team 2");
  }
}
