package dev.enshu.orchestrator.scoring;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * What one caller sees of a scoreboard: the teams whose line they may see, and of those only the
 * teams whose reasons they may know keep their points, steps and flags. Pure.
 */
final class ScoreboardView {
  private ScoreboardView() {}

  /**
   * The lines of {@code board} for which {@code listed} holds, with reasons only where {@code
   * reasons} holds too.
   */
  static List<TeamScore> of(List<TeamScore> board, IntPredicate listed, IntPredicate reasons) {
    return board.stream()
        .filter(score -> listed.test(score.team()))
        .map(score -> reasons.test(score.team()) ? score : score.withoutReasons())
        .toList();
  }
}
