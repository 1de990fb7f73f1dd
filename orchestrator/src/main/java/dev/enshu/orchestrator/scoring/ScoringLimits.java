package dev.enshu.orchestrator.scoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on what teams and instructors may write into the journal, under {@code
 * enshu.scoring.limits}. Every refused submission is refused before it is journalled, so a team
 * that keeps sending cannot grow the database without bound.
 *
 * @param answerChars longest answer of a finding (400 past it)
 * @param noteChars longest note of a finding
 * @param sectionChars longest section of a report
 * @param sections most sections in one report
 * @param reportsPerTeam reports a team may submit (each replaces the one before for grading); past
 *     it 429 unjournalled
 * @param rejectedPerObjective wrong answers a team may send to one objective; past it, findings for
 *     it are refused with 429 unjournalled (the objective's attempts decide the score; this bounds
 *     what is stored once they are used up)
 * @param findingsPerWindow findings a team may send in {@code findingWindow}, right or wrong; past
 *     it 429 unjournalled
 * @param findingWindow the window of {@code findingsPerWindow}
 * @param adjustmentPoints largest points of one instructor's score adjustment, either way
 * @param reasonChars longest reason of a score adjustment
 */
@ConfigurationProperties("enshu.scoring.limits")
public record ScoringLimits(
    @DefaultValue("200") int answerChars,
    @DefaultValue("2000") int noteChars,
    @DefaultValue("20000") int sectionChars,
    @DefaultValue("20") int sections,
    @DefaultValue("50") int reportsPerTeam,
    @DefaultValue("20") int rejectedPerObjective,
    @DefaultValue("30") int findingsPerWindow,
    @DefaultValue("1m") Duration findingWindow,
    @DefaultValue("1000") int adjustmentPoints,
    @DefaultValue("500") int reasonChars) {

  /** The defaults, for tests and tools without the server's settings. */
  public static ScoringLimits defaults() {
    return new ScoringLimits(200, 2000, 20000, 20, 50, 20, 30, Duration.ofMinutes(1), 1000, 500);
  }
}
