package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.enshu.yaml.TextValue;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A length of scenario time written as {@code 45m}, {@code 1h30m} or {@code 90s}. */
@TextValue(
    pattern = "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$",
    description = "scenario time such as 45m, 1h30m or 90s")
public record Span(Duration duration) implements Comparable<Span> {
  private static final Pattern FORM =
      Pattern.compile("(?=\\d)(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  public static final Span ZERO = new Span(Duration.ZERO);

  @JsonCreator
  public static Span parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a time such as 45m, 1h30m or 90s, found '" + text + "'");
    }
    try {
      long seconds = 0;
      if (m.group(1) != null) {
        seconds = Math.multiplyExact(Long.parseLong(m.group(1)), 3600L);
      }
      if (m.group(2) != null) {
        seconds = Math.addExact(seconds, Math.multiplyExact(Long.parseLong(m.group(2)), 60L));
      }
      if (m.group(3) != null) {
        seconds = Math.addExact(seconds, Long.parseLong(m.group(3)));
      }
      return new Span(Duration.ofSeconds(seconds));
    } catch (ArithmeticException | NumberFormatException e) {
      // more seconds than a long holds: left unchecked, the sum wrapped round to a negative time
      throw new IllegalArgumentException(
          "expected a time such as 45m, 1h30m or 90s, found '" + text + "', which is too long");
    }
  }

  public static Span ofMinutes(long minutes) {
    return new Span(Duration.ofMinutes(minutes));
  }

  public Span plus(Span other) {
    return new Span(duration.plus(other.duration));
  }

  @Override
  public int compareTo(Span other) {
    return duration.compareTo(other.duration);
  }

  @JsonValue
  @Override
  public String toString() {
    long s = duration.toSeconds();
    if (s == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    if (s >= 3600) {
      out.append(s / 3600).append('h');
    }
    if (s % 3600 >= 60) {
      out.append(s % 3600 / 60).append('m');
    }
    if (s % 60 > 0) {
      out.append(s % 60).append('s');
    }
    return out.toString();
  }
}
