package dev.enshu.orchestrator.scoring;

import dev.enshu.scenario.Indicator;
import dev.enshu.template.Ipv4;
import java.util.List;
import java.util.Locale;

/**
 * Compares a team's answer with the accepted ones after putting both in one form: case and
 * surrounding spaces never matter; a domain loses its scheme, path, port and trailing dot; an IP
 * address is compared as an address; an account loses its domain ({@code CORP\\name}, {@code
 * name@corp.example.jp}).
 */
public final class AnswerMatcher {
  private AnswerMatcher() {}

  public static boolean matches(Indicator.Kind kind, String answer, List<String> accepted) {
    if (answer == null || answer.isBlank()) {
      return false;
    }
    String given = normalise(kind, answer);
    return accepted.stream().anyMatch(a -> normalise(kind, a).equals(given));
  }

  static String normalise(Indicator.Kind kind, String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    switch (kind) {
      case DOMAIN -> {
        s = s.replaceFirst("^[a-z]+://", "");
        s = s.replaceFirst("[/?#].*$", "");
        s = s.replaceFirst(":\\d+$", "");
        s = s.replaceFirst("\\.$", "");
      }
      case URL -> s = s.replaceFirst("/+$", "");
      case IP -> {
        if (Ipv4.isValid(s)) {
          s = Ipv4.format(Ipv4.parse(s));
        }
      }
      case ACCOUNT -> {
        s = s.replaceFirst("^.*\\\\", "");
        s = s.replaceFirst("@.*$", "");
      }
      case HOST -> s = s.replaceFirst("\\.$", "");
      default -> {
        // compared as written, less case and spaces
      }
    }
    return s;
  }
}
