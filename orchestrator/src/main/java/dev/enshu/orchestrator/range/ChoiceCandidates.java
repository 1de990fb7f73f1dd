package dev.enshu.orchestrator.range;

import dev.enshu.scenario.Scenario;
import dev.enshu.scenario.Variable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every value a name in scenario text can take: a name that is one choice variable ({@code
 * ${c2Domain}}) stands for each of its candidates, so that what the range holds under them does not
 * tell the drawn one (the others are decoys); any other name is its own value.
 */
final class ChoiceCandidates {
  private static final Pattern WHOLE_VARIABLE = Pattern.compile("\\$\\{([^}.]+)}");

  private final Scenario scenario;
  private final Map<String, String> variables;

  ChoiceCandidates(Scenario scenario, Map<String, String> variables) {
    this.scenario = scenario;
    this.variables = variables;
  }

  /** The team's drawn values by name. */
  Map<String, String> variables() {
    return variables;
  }

  List<String> of(String name) {
    Matcher whole = WHOLE_VARIABLE.matcher(name);
    if (whole.matches()
        && scenario.variablesOrEmpty().get(whole.group(1)) instanceof Variable.Choice choice) {
      return choice.values().stream().distinct().toList();
    }
    return List.of(Substitution.apply(name, variables));
  }
}
