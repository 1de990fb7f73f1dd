package dev.enshu.orchestrator.console;

import java.util.Map;

/**
 * A live session others may join (a terminal, a VNC display): what the instructor's session list
 * shows and where control grants go. Thread-safe.
 */
interface SharedConsole {
  String id();

  ConsoleTarget target();

  /** Lets {@code userName} type (or point and click) when they join with control. */
  void grantControl(String userName);

  void revokeControl(String userName);

  /** Whether {@code user}, joined with control, may act: instructors always, others if granted. */
  boolean controlGranted(ConsoleUser user);

  Map<String, Object> summary();
}
