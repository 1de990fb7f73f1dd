package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.access.Access;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team's network with live host state: for instructors, observers and the venue's assistant
 * (VIEW_TEAM), and for the team's own trainees (WORK_TEAM); both see the same.
 */
@RestController
class TopologyController {
  private final Topologies topologies;
  private final Access access;

  TopologyController(Topologies topologies, Access access) {
    this.topologies = topologies;
    this.access = access;
  }

  @GetMapping("/api/exercises/{id}/teams/{team}/topology")
  Topology topology(@PathVariable String id, @PathVariable int team) {
    TeamViews.require(access, id, team);
    return topologies.of(id, team);
  }
}
