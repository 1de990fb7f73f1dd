package dev.enshu.scenario;

import java.util.List;

/**
 * Something on the scenario clock: an inject or a message. It is due at an offset from the team's
 * start, or a delay after another item fired; its conditions are read when it is due.
 */
public interface TimelineItem {
  String id();

  /** Offset from the team's start; exclusive with {@link #after()}. */
  Span at();

  /** Id of the inject or message this one follows; exclusive with {@link #at()}. */
  String after();

  /** Delay after {@link #after()}; zero when absent. */
  Span delay();

  /** Conditions that must all hold when it is due; otherwise it is skipped. */
  List<Condition> when();

  default Span delayOrZero() {
    return delay() == null ? Span.ZERO : delay();
  }

  default List<Condition> conditions() {
    return when() == null ? List.of() : when();
  }
}
