package dev.enshu.orchestrator.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.scenario.Indicator;
import dev.enshu.scenario.Scenario;
import dev.enshu.scenario.ScenarioLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scores recomputed from journal events alone: matching, decay, penalties, limits, grading. */
class ScoreCalculatorTest {
  private static final Scenario SCENARIO = ScenarioLoader.bundled("phishing-ransomware").scenario();
  private static final Map<String, String> VARIABLES =
      Map.of(
          "c2Domain",
          "cdn-sync.example.com",
          "victim",
          "pc-zaimu-1",
          "victim.address",
          "10.64.22.100",
          "victim.fqdn",
          "pc-zaimu-1.corp.example.jp",
          "victim.user",
          "zaimu1",
          "stolenAccount",
          "adm-suzuki",
          "implantName",
          "sync-helper",
          "lockSuffix",
          "abc123");
  private final List<JournalEvent> events = new ArrayList<>();

  private JournalEvent add(String type, long scenarioMinutes, Map<String, Object> data) {
    Map<String, Object> withTime = new java.util.HashMap<>(data);
    withTime.put("scenarioMillis", scenarioMinutes * 60_000);
    JournalEvent e =
        new JournalEvent(
            events.size() + 1,
            "ex",
            1,
            Instant.parse("2026-11-30T01:00:00Z").plusSeconds(scenarioMinutes * 60),
            type,
            "t",
            null,
            withTime);
    events.add(e);
    return e;
  }

  private TeamScore score() {
    return new ScoreCalculator(SCENARIO).score(1, events, VARIABLES);
  }

  @Test
  void answersMatchWhateverTheirCaseSpacesAndForm() {
    assertThat(
            AnswerMatcher.matches(
                Indicator.Kind.DOMAIN,
                "  HTTP://CDN-Sync.Example.com:80/beacon?id=1 ",
                List.of("cdn-sync.example.com")))
        .isTrue();
    assertThat(
            AnswerMatcher.matches(
                Indicator.Kind.ACCOUNT, "CORP\\ADM-Suzuki", List.of("adm-suzuki")))
        .isTrue();
    assertThat(
            AnswerMatcher.matches(
                Indicator.Kind.ACCOUNT, "adm-suzuki@corp.example.jp", List.of("adm-suzuki")))
        .isTrue();
    assertThat(AnswerMatcher.matches(Indicator.Kind.IP, "10.64.22.100 ", List.of("10.64.22.100")))
        .isTrue();
    assertThat(
            AnswerMatcher.matches(
                Indicator.Kind.DOMAIN, "sync.example.com", List.of("cdn-sync.example.com")))
        .isFalse();
    assertThat(AnswerMatcher.matches(Indicator.Kind.TECHNIQUE, "", List.of("T1566"))).isFalse();
  }

  @Test
  void aCorrectAnswerEarnsItsPointsLessTheDecaySinceTheInject() {
    add(TimelineEngine.FIRED, 10, Map.of("item", "implant"));
    add(
        ScoreCalculator.FINDING,
        15,
        Map.of("objective", "c2-domain", "answer", "cdn-sync.example.com"));
    add(
        ScoreCalculator.FINDING,
        45,
        Map.of("objective", "infected-host", "answer", "10.64.22.100"));
    TeamScore score = score();
    // c2-domain: 5 min after the implant, no decay step yet: 100; infected-host: 35 min, 3 steps of
    // 10 %: 70
    assertThat(score.breakdown()).containsEntry("detection", 170);
    assertThat(score.points()).extracting(TeamScore.Point::seq).containsExactly(2L, 3L);
  }

  @Test
  void decayStopsAtTheFloor() {
    add(TimelineEngine.FIRED, 10, Map.of("item", "implant"));
    add(
        ScoreCalculator.FINDING,
        170,
        Map.of("objective", "c2-domain", "answer", "cdn-sync.example.com"));
    assertThat(score().breakdown()).containsEntry("detection", 30);
  }

  @Test
  void wrongAnswersCostThePenaltyAndAttemptsRunOut() {
    add(TimelineEngine.FIRED, 1, Map.of("item", "phish"));
    add(ScoreCalculator.FINDING, 5, Map.of("objective", "initial-access", "answer", "T1190"));
    add(ScoreCalculator.FINDING, 6, Map.of("objective", "initial-access", "answer", "T1078"));
    // two attempts allowed: the right answer comes too late
    add(ScoreCalculator.FINDING, 7, Map.of("objective", "initial-access", "answer", "T1566.001"));
    TeamScore score = score();
    assertThat(score.breakdown()).containsEntry("penalties", -20).containsEntry("detection", 0);
    assertThat(score.total()).isEqualTo(-20);
  }

  @Test
  void anAnswerBeforeWhatItAsksAboutHappenedIsNotTakenAndCostsNoAttempt() {
    // the right answers, sent before the implant and the phishing mail: precomputed or copied
    JournalEvent early =
        add(
            ScoreCalculator.FINDING,
            1,
            Map.of("objective", "implant-process", "answer", "sync-helper"));
    add(
        ScoreCalculator.FINDING,
        1,
        Map.of("objective", "c2-domain", "answer", "cdn-sync.example.com"));
    add(ScoreCalculator.FINDING, 1, Map.of("objective", "initial-access", "answer", "T1566"));
    assertThat(score().total()).isZero();
    assertThat(new ScoreCalculator(SCENARIO).judgeNext(1, List.of(), early, VARIABLES))
        .satisfies(
            v -> {
              assertThat(v.outcome()).isEqualTo("ignored");
              // the refusal does not name the inject: which injects exist is ground truth
              assertThat(v.reason()).doesNotContain("implant'").contains("has not happened");
            });
    add(TimelineEngine.FIRED, 10, Map.of("item", "implant"));
    add(
        ScoreCalculator.FINDING,
        12,
        Map.of("objective", "implant-process", "answer", "sync-helper"));
    assertThat(score().breakdown()).containsEntry("detection", 50);
    assertThat(
            new ScoreCalculator(SCENARIO)
                .progress(1, events, VARIABLES).stream()
                    .filter(p -> p.objective().equals("c2-domain"))
                    .findFirst()
                    .orElseThrow()
                    .attemptsLeft())
        .isEqualTo(3);
  }

  @Test
  void aResponseCheckPaysOnceWithItsBonusAndServicesPayPerInterval() {
    add(TimelineEngine.FIRED, 10, Map.of("item", "implant"));
    add(TimelineEngine.CHECK_RESULT, 20, Map.of("check", "c2-blocked", "passed", true));
    add(TimelineEngine.CHECK_RESULT, 21, Map.of("check", "c2-blocked", "passed", true));
    add(TimelineEngine.CHECK_RESULT, 30, Map.of("check", "web-up", "passed", true));
    add(TimelineEngine.CHECK_RESULT, 30, Map.of("check", "web-up", "passed", true));
    add(TimelineEngine.CHECK_RESULT, 31, Map.of("check", "web-up", "passed", true));
    add(TimelineEngine.CHECK_RESULT, 32, Map.of("check", "web-up", "passed", false));
    add(
        TimelineEngine.CHECK_RESULT,
        40,
        Map.of("check", "account-disabled", "passed", false, "status", "error"));
    TeamScore score = score();
    assertThat(score.breakdown()).containsEntry("response", 200).containsEntry("service", 4);
  }

  @Test
  void aResponseCheckThatPassesBeforeItsInjectFiredEarnsNoBonus() {
    add(TimelineEngine.CHECK_RESULT, 5, Map.of("check", "c2-blocked", "passed", true));
    assertThat(score().breakdown()).containsEntry("response", 150);
  }

  @Test
  void hintsCostTheirPenaltyOnce() {
    add(ScoreCalculator.HINT, 12, Map.of("hint", "proxy-log"));
    add(ScoreCalculator.HINT, 13, Map.of("hint", "proxy-log"));
    assertThat(score().breakdown()).containsEntry("penalties", -20);
  }

  @Test
  void theReportScoresTheMeanOfItsGradersAndFlagsDisagreement() {
    add(
        ScoreCalculator.GRADE,
        170,
        Map.of(
            "grader", "sato", "scores", Map.of("r-summary", 10, "r-timeline", 20, "r-impact", 20)));
    add(
        ScoreCalculator.GRADE,
        171,
        Map.of("grader", "kato", "scores", Map.of("r-summary", 5, "r-timeline", 5, "r-impact", 5)));
    TeamScore score = score();
    assertThat(score.breakdown()).containsEntry("report", 33);
    assertThat(score.flags()).singleElement().asString().contains("disagree");
  }

  @Test
  void recomputingFromTheSameJournalGivesTheSameScore() {
    add(TimelineEngine.FIRED, 10, Map.of("item", "implant"));
    add(
        ScoreCalculator.FINDING,
        15,
        Map.of("objective", "c2-domain", "answer", "cdn-sync.example.com"));
    add(TimelineEngine.CHECK_RESULT, 20, Map.of("check", "c2-blocked", "passed", true));
    assertThat(score()).isEqualTo(score());
    assertThat(score().overTime()).extracting(TeamScore.Step::total).containsExactly(100, 300);
  }

  @Test
  void instructorsAdjustmentsCountAsTheirOwnPartWithTheirReasons() {
    add("hint.taken", 5, Map.of("hint", SCENARIO.hintsOrEmpty().get(0).id()));
    add(ScoreCalculator.ADJUSTED, 10, Map.of("points", 15, "reason", "found the second implant"));
    add(ScoreCalculator.ADJUSTED, 20, Map.of("points", -5, "reason", "broke the mail server"));
    TeamScore score = score();
    int hint = SCENARIO.hintsOrEmpty().get(0).penalty();
    assertThat(score.breakdown()).containsEntry("adjustments", 10);
    assertThat(score.breakdown()).containsKeys(ScoreCalculator.PARTS.toArray(String[]::new));
    assertThat(score.total()).isEqualTo(10 - hint);
    assertThat(score.points())
        .filteredOn(p -> p.category().equals("adjustments"))
        .extracting(TeamScore.Point::points, TeamScore.Point::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(15, "adjusted by t: found the second implant"),
            org.assertj.core.groups.Tuple.tuple(-5, "adjusted by t: broke the mail server"));
    assertThat(score.overTime())
        .extracting(TeamScore.Step::total)
        .containsExactly(-hint, 15 - hint, 10 - hint);
    // another team's adjustment is not this team's
    assertThat(new ScoreCalculator(SCENARIO).score(2, events, VARIABLES).total()).isZero();
  }
}
