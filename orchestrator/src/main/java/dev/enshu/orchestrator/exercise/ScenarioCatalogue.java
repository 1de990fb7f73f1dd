package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.scenario.Scenario;
import dev.enshu.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The scenarios offered to users: the bundled catalogue and the files named under {@code
 * enshu.online.scenarios}, by scenario id. Instructors may still run any scenario file by path; the
 * catalogue is what the course pages list and what online runs may use.
 */
@Component
public class ScenarioCatalogue {
  private final Plans plans;
  private final List<String> sources;

  public ScenarioCatalogue(Plans plans, OnlineProperties online) {
    this.plans = plans;
    List<String> all = new ArrayList<>(ScenarioLoader.BUNDLED);
    online.scenarios().stream().filter(s -> !all.contains(s)).forEach(all::add);
    this.sources = List.copyOf(all);
  }

  /** A scenario of the catalogue and where it is read from (a bundled id or a file). */
  public record Entry(String source, Scenario scenario) {}

  /** Every scenario of the catalogue, by id, in catalogue order. */
  public Map<String, Entry> entries() {
    Map<String, Entry> out = new LinkedHashMap<>();
    for (String source : sources) {
      Scenario scenario = plans.scenario(source).scenario();
      out.putIfAbsent(scenario.id(), new Entry(source, scenario));
    }
    return out;
  }

  /** The id of the scenario read from {@code source} (a bundled id or a file). */
  public String idOf(String source) {
    return plans.scenario(source).scenario().id();
  }

  /** The catalogue's scenario of this id; NOT_FOUND naming the catalogue otherwise. */
  public Entry require(String id) {
    Map<String, Entry> entries = entries();
    Entry entry = entries.get(id);
    if (entry == null) {
      throw new EnshuException(
          Status.NOT_FOUND,
          "no scenario '" + id + "' in the catalogue; it has " + entries.keySet());
    }
    return entry;
  }
}
