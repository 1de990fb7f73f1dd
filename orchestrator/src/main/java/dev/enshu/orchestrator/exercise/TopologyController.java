package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.access.Access;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team's network with live host state: for instructors, observers and the venue's assistant
 * (VIEW_TEAM), and for the team's own trainees (WORK_TEAM), who see the simulated internet as one
 * host without its attacker and C2.
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
    TeamViews.View view = TeamViews.require(access, id, team);
    Topology topology = topologies.of(id, team);
    return view.scope() == TeamViews.Scope.OWN ? topology.asTraineesSeeIt() : topology;
  }
}
