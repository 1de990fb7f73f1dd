package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.access.Access;
import dev.enshu.scenario.Scenario;
import dev.enshu.template.Localized;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The scenario catalogue, for any signed-in user: what a course or an online run can use. */
@RestController
class ScenarioController {
  private final ScenarioCatalogue catalogue;
  private final Access access;

  ScenarioController(ScenarioCatalogue catalogue, Access access) {
    this.catalogue = catalogue;
    this.access = access;
  }

  /** One scenario as the catalogue shows it: no timeline, answers or checks. */
  record Summary(
      String id,
      Map<String, String> title,
      String level,
      long durationMinutes,
      Map<String, String> briefing,
      String template) {
    static Summary of(Scenario s) {
      return new Summary(
          s.id(),
          text(s.title()),
          s.level().id(),
          s.duration().duration().toMinutes(),
          text(s.briefing()),
          s.template());
    }
  }

  static Map<String, String> text(Localized text) {
    return Map.of("ja", text.ja(), "en", text.en());
  }

  @GetMapping("/api/scenarios")
  List<Summary> list() {
    access.current();
    return catalogue.entries().values().stream().map(e -> Summary.of(e.scenario())).toList();
  }
}
