package dev.enshu.orchestrator.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreboardViewTest {
  static TeamScore score(int team) {
    Instant at = Instant.parse("2026-12-01T01:00:00Z");
    return new TeamScore(
        team,
        30,
        Map.of("detection", 30),
        List.of(new TeamScore.Point("detection", 30, 7, at, "objective 'c2' answered correctly")),
        List.of(new TeamScore.Step(at, 30)),
        List.of("graders disagree on the report"));
  }

  @Test
  void anotherTeamKeepsItsTotalAndBreakdownButLosesItsReasons() {
    List<TeamScore> seen =
        ScoreboardView.of(List.of(score(1), score(2)), team -> true, team -> team == 1);

    assertThat(seen).extracting(TeamScore::team).containsExactly(1, 2);
    assertThat(seen.get(0)).isEqualTo(score(1));
    assertThat(seen.get(0).reasons()).isTrue();
    TeamScore other = seen.get(1);
    assertThat(other.total()).isEqualTo(30);
    assertThat(other.breakdown()).containsEntry("detection", 30);
    assertThat(other.points()).isEmpty();
    assertThat(other.overTime()).isEmpty();
    assertThat(other.flags()).isEmpty();
    assertThat(other.reasons()).isFalse();
  }

  @Test
  void teamsTheCallerMayNotSeeAreLeftOut() {
    assertThat(ScoreboardView.of(List.of(score(1), score(2)), team -> team == 2, team -> true))
        .extracting(TeamScore::team)
        .containsExactly(2);
  }
}
