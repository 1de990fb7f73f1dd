package dev.enshu.orchestrator.access;

/**
 * What an endpoint asks for. Checked by {@link Access#require} against an exercise and, where one
 * is concerned, a team.
 *
 * <table>
 *   <caption>Who holds which permission</caption>
 *   <tr><th>permission</th><th>instructor</th><th>assistant</th><th>trainee</th><th>observer</th></tr>
 *   <tr><td>RUN_EXERCISE</td><td>yes</td><td>no</td><td>no</td><td>no</td></tr>
 *   <tr><td>VIEW_EXERCISE</td><td>yes</td><td>yes (teams of their venues only)</td>
 *       <td>their exercise (own team only)</td><td>yes</td></tr>
 *   <tr><td>VIEW_TEAM</td><td>yes</td><td>teams of their venues</td><td>no</td><td>yes</td></tr>
 *   <tr><td>HELP_TEAM</td><td>yes</td><td>teams of their venues</td><td>no</td><td>no</td></tr>
 *   <tr><td>WORK_TEAM</td><td>yes</td><td>no</td><td>own team</td><td>no</td></tr>
 *   <tr><td>VIEW_SCOREBOARD</td><td>yes</td><td>teams of their venues</td>
 *       <td>every team of their exercise</td><td>yes</td></tr>
 *   <tr><td>TRAIN_ONLINE</td><td>when allowed to</td><td>no</td><td>when allowed to</td>
 *       <td>no</td></tr>
 * </table>
 */
public enum Permission {
  /**
   * Exercise-wide control: create, members, provision, start/pause/resume all, fire/skip, grade,
   * finish, tear down.
   */
  RUN_EXERCISE,
  /** See that an exercise exists and its teams' public state (name, state, venue). */
  VIEW_EXERCISE,
  /**
   * See a team's whole picture: timeline with ground truth, journal, topology, report, recordings.
   */
  VIEW_TEAM,
  /** Help a team: send a message, reset a host, pause or resume the team, observe its consoles. */
  HELP_TEAM,
  /** Work as the team: briefing, consoles, findings, hints, report, own score. */
  WORK_TEAM,
  /**
   * See the scoreboard, or (with a team) that team's line of it: its total and breakdown. The
   * reasons behind the points also need {@link #VIEW_TEAM} or {@link #WORK_TEAM} on the team.
   */
  VIEW_SCOREBOARD,
  /**
   * Start an online self-paced run (of no exercise yet: asked with none). Only trainees and
   * instructors an instructor has allowed to train online ({@link Actor#online()}) hold it.
   */
  TRAIN_ONLINE
}
