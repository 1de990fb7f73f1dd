package dev.enshu.orchestrator.range;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a team's drawn variables into scenario text: {@code ${victim.address}} becomes 10.65.21.101.
 */
public final class Substitution {
  private static final Pattern USE = Pattern.compile("\\$\\{([^}]*)}");

  private Substitution() {}

  /**
   * Replaces every {@code ${name}} and {@code ${name.field}}; validation has made sure each names a
   * variable, so an unknown one is an error here.
   */
  public static String apply(String text, Map<String, String> variables) {
    if (text == null || text.indexOf('$') < 0) {
      return text;
    }
    Matcher use = USE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (use.find()) {
      String value = variables.get(use.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "no variable '" + use.group(1) + "' in " + variables.keySet());
      }
      use.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    use.appendTail(out);
    return out.toString();
  }
}
