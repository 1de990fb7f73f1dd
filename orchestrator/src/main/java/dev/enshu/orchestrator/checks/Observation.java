package dev.enshu.orchestrator.checks;

import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.RangeProvider.ProcessInfo;
import dev.enshu.orchestrator.range.Substitution;
import dev.enshu.scenario.Check;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes a check's observation through the provider, from outside the host, and compares what the
 * engine saw with the scenario's values here in the orchestrator: the values never go into the
 * host. What it reports says what was seen, never the value looked for (the report is journalled,
 * and the value is an answer) nor which process matched (that would point at the implant).
 */
public final class Observation {
  /** The most of a file that is read; a deny list or an account list is far smaller. */
  static final int MAX_FILE_BYTES = 1 << 20;

  /** The most entries of a tree listed; more is an error, never a pass on part of the tree. */
  static final int MAX_ENTRIES = 200_000;

  private Observation() {}

  /** Whether the observation passed, and what was seen. */
  public record Outcome(boolean passed, String detail) {}

  /** Observes {@code observe} on {@code host}; provider failures are thrown, never passed. */
  static Outcome observe(
      RangeProvider provider, HostRef host, Check.Observe observe, Map<String, String> variables) {
    if (observe.processes() != null) {
      return processes(provider.processes(host), observe.processes(), variables);
    }
    if (observe.files() != null) {
      Check.FileTree tree = observe.files();
      String under = Substitution.apply(tree.under(), variables);
      return files(provider.listFiles(host, under, MAX_ENTRIES), tree, variables);
    }
    Check.FileState file = observe.file();
    String path = Substitution.apply(file.path(), variables);
    return file(provider.readFile(host, path, MAX_FILE_BYTES), file, variables);
  }

  static Outcome files(
      Optional<List<String>> listed, Check.FileTree rule, Map<String, String> variables) {
    if (listed.isEmpty()) {
      return new Outcome(false, "the engine found no such directory in the host");
    }
    Pattern named = glob(Substitution.apply(rule.noneNamed(), variables));
    long matching =
        listed.get().stream()
            .map(path -> path.substring(path.lastIndexOf('/') + 1))
            .filter(name -> named.matcher(name).matches())
            .count();
    return new Outcome(
        matching == 0,
        matching + " of the " + listed.get().size() + " files below the directory have such names");
  }

  /** A file name pattern: {@code *} any text, {@code ?} one character, all else itself. */
  static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  static Outcome processes(
      List<ProcessInfo> processes, Check.Processes rule, Map<String, String> variables) {
    boolean absent = rule.absent() != null;
    String name = Substitution.apply(absent ? rule.absent() : rule.present(), variables);
    long matching = processes.stream().filter(p -> ProcessMatch.matches(p, name)).count();
    String seen =
        matching
            + " of the host's "
            + processes.size()
            + " processes have the name, as the engine lists them";
    return new Outcome(absent ? matching == 0 : matching > 0, seen);
  }

  static Outcome file(
      Optional<byte[]> content, Check.FileState rule, Map<String, String> variables) {
    if (content.isEmpty()) {
      return new Outcome(false, "the engine found no such file in the host");
    }
    String text = new String(content.get(), StandardCharsets.UTF_8);
    boolean lines = Boolean.TRUE.equals(rule.wholeLine());
    StringBuilder seen =
        new StringBuilder("the engine read " + content.get().length + " bytes of the file");
    boolean passed = true;
    if (rule.contains() != null) {
      boolean has = has(text, Substitution.apply(rule.contains(), variables), lines);
      seen.append(has ? "; the text looked for is there" : "; the text looked for is not there");
      passed = has;
    }
    if (rule.lacks() != null) {
      boolean has = has(text, Substitution.apply(rule.lacks(), variables), lines);
      seen.append(has ? "; the text to be gone is there" : "; the text to be gone is not there");
      passed = passed && !has;
    }
    if (rule.coversDomain() != null) {
      boolean covered = covers(text, Substitution.apply(rule.coversDomain(), variables));
      seen.append(
          covered ? "; a line covers the domain looked for" : "; no line covers the domain");
      passed = passed && covered;
    }
    return new Outcome(passed, seen.toString());
  }

  /** Whether a domain list (one a line, {@code #} comments, {@code .parent} covers below it). */
  static boolean covers(String list, String domain) {
    String wanted = domain.strip().toLowerCase(java.util.Locale.ROOT);
    return list.lines()
        .map(l -> l.strip().toLowerCase(java.util.Locale.ROOT))
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .anyMatch(
            l ->
                l.equals(wanted)
                    || (l.startsWith(".")
                        && (wanted.equals(l.substring(1)) || wanted.endsWith(l))));
  }

  private static boolean has(String text, String wanted, boolean wholeLine) {
    if (!wholeLine) {
      return text.contains(wanted);
    }
    return text.lines().map(String::strip).anyMatch(wanted.strip()::equals);
  }
}
