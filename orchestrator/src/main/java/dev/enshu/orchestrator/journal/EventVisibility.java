package dev.enshu.orchestrator.journal;

import java.util.Set;

/**
 * Which journal events a trainee may see of their own team. Ground truth (injects, their actions
 * and check results) stays with instructors, assistants and observers until the after-action
 * review; trainees see what their organisation would see: messages and alerts, their own findings,
 * hints, report, their instructors' score adjustments with the reasons, consoles, the state of
 * their range and exercise. Of console recordings, only those of sessions a trainee opened: an
 * instructor's or assistant's session (or a recording journalled before its owner's role was, which
 * may be one) stays with the staff.
 */
public final class EventVisibility {
  private static final Set<String> TRAINEE =
      Set.of(
          "message.sent",
          "finding.submitted",
          "finding.accepted",
          "finding.rejected",
          "hint.taken",
          "report.submitted",
          "report.graded",
          "score.adjusted",
          "team.started",
          "team.paused",
          "team.resumed",
          "host.reset",
          "range.ready",
          "range.failed",
          "exercise.state",
          "console.opened",
          "console.closed");

  private static final String RECORDED = "console.recorded";
  private static final String TRAINEE_ROLE = "trainee";

  private EventVisibility() {}

  /** Whether a trainee of {@code team} may see {@code event}. */
  public static boolean traineeMay(JournalEvent event, int team) {
    boolean ownOrExerciseWide = event.team() == null || event.team() == team;
    if (!ownOrExerciseWide) {
      return false;
    }
    if (RECORDED.equals(event.type())) {
      return event.data() != null && TRAINEE_ROLE.equals(event.data().get("role"));
    }
    return TRAINEE.contains(event.type())
        || (event.team() == null && "exercise.state".equals(event.type()));
  }
}
