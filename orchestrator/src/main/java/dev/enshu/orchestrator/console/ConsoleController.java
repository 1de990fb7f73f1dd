package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Actor;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Live console sessions (what instructors and assistants may watch), the instructor's control
 * grants, and recordings for playback, for the logged-in user.
 */
@RestController
class ConsoleController {
  private final ConsoleAuthorizer authorizer;
  private final ConsoleSessions sessions;
  private final RecordingIndex recordings;
  private final Access access;

  ConsoleController(
      ConsoleAuthorizer authorizer,
      ConsoleSessions sessions,
      RecordingIndex recordings,
      Access access) {
    this.access = access;
    this.authorizer = authorizer;
    this.sessions = sessions;
    this.recordings = recordings;
  }

  /** The live terminal and VNC sessions the user may watch. */
  @GetMapping("/api/console/sessions")
  List<Map<String, Object>> sessions() {
    ConsoleUser user = ConsoleUser.of(access.current());
    return sessions.sharedLive().stream()
        .filter(s -> authorizer.decide(user, s.target(), ConsoleAccess.OBSERVE).allowed())
        .map(SharedConsole::summary)
        .toList();
  }

  /**
   * The instructor lets a user type in a terminal session, or point and type on a VNC display
   * ({@code allowed=false} takes it back, at once for a VNC watcher already connected).
   */
  @PostMapping("/api/console/sessions/{id}/control")
  Map<String, Object> control(
      @PathVariable("id") String id,
      @RequestParam("user") String userName,
      @RequestParam(name = "allowed", defaultValue = "true") boolean allowed) {
    Actor actor = access.current();
    if (actor.role() != Actor.Role.INSTRUCTOR) {
      throw new EnshuException(
          Status.FORBIDDEN,
          "refused: " + actor + " may not grant control of a console: instructors do");
    }
    SharedConsole session =
        sessions
            .shared(id)
            .orElseThrow(
                () ->
                    new EnshuException(Status.NOT_FOUND, "no live terminal or VNC session " + id));
    if (allowed) {
      session.grantControl(userName);
    } else {
      session.revokeControl(userName);
    }
    return session.summary();
  }

  /**
   * A finished terminal session's asciicast v2 recording: for its owner, the team's viewers and
   * helpers; a trainee plays back only sessions trainees opened on their own team's hosts.
   */
  @GetMapping("/api/console/recordings/{id}")
  ResponseEntity<Resource> recording(@PathVariable("id") String id) {
    ConsoleUser user = ConsoleUser.of(access.current());
    ConsoleSessionListener.Recording recording =
        recordings
            .find(id)
            .orElseThrow(() -> new EnshuException(Status.NOT_FOUND, "no finished recording " + id));
    if (user.role() == ConsoleUser.Role.TRAINEE
        && recording.owner().role() != ConsoleUser.Role.TRAINEE) {
      // what staff typed in a team's host (a fix, a check, a planted trace) is not for trainees
      throw new EnshuException(
          Status.FORBIDDEN,
          "refused: recording "
              + id
              + " is of a session "
              + recording.owner()
              + " opened; "
              + user
              + " may play back only trainees' sessions of their own team");
    }
    boolean own = recording.owner().name().equals(user.name());
    boolean viewer =
        access
            .decide(
                user.actor(),
                dev.enshu.orchestrator.access.Permission.VIEW_TEAM,
                recording.target().exerciseId(),
                recording.target().team())
            .allowed();
    if (!own
        && !viewer
        && !authorizer.decide(user, recording.target(), ConsoleAccess.OBSERVE).allowed()) {
      throw new EnshuException(
          Status.FORBIDDEN,
          "refused: " + user + " may not play back recording " + id + " of " + recording.target());
    }
    if (!Files.isReadable(recording.file())) {
      throw new EnshuException(
          Status.NOT_FOUND, "recording " + id + " is no longer at " + recording.file());
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/x-asciicast"))
        .body(new FileSystemResource(recording.file()));
  }
}
