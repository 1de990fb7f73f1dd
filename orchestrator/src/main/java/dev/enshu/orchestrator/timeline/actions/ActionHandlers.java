package dev.enshu.orchestrator.timeline.actions;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.scenario.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The action library: exactly one {@link ActionHandler} for each permitted kind of {@link Action},
 * found by the action's type. Built once, with every script read; immutable and thread-safe.
 */
public final class ActionHandlers {
  private final List<ActionHandler<?>> handlers;
  private final Map<Class<?>, ActionHandler<?>> byType;
  private final RansomwareHandler ransomware;
  private static ActionHandlers standard;

  private ActionHandlers(List<ActionHandler<?>> handlers, RansomwareHandler ransomware) {
    this.handlers = List.copyOf(handlers);
    this.byType = byType(handlers);
    this.ransomware = ransomware;
  }

  /**
   * The library every runner uses, built on the first call and shared after. Fails, naming each,
   * when a script is missing from the class path or a kind of action has no handler (and fails the
   * same way on every later call).
   */
  public static synchronized ActionHandlers standard() {
    if (standard == null) {
      standard = build();
    }
    return standard;
  }

  private static ActionHandlers build() {
    ActionScripts scripts = new ActionScripts();
    RansomwareHandler ransomware = new RansomwareHandler(scripts.get("ransomware"));
    List<ActionHandler<?>> handlers =
        List.of(
            new PhishingMailHandler(scripts.get("phishing-mail")),
            new ImplantHandler(scripts.get("implant")),
            new DiscoveryHandler(scripts.get("discovery")),
            new CredentialTheftHandler(scripts.get("credential-theft")),
            new LateralMovementHandler(
                scripts.get("lateral-smb"), scripts.get("lateral-ssh-trace")),
            new ExfiltrationHandler(scripts.get("exfiltration")),
            ransomware,
            new DefaceHandler(scripts.get("deface")),
            new VpnExploitHandler(scripts.get("vpn-exploit")),
            new CommandHandler());
    scripts.requireAll();
    return new ActionHandlers(handlers, ransomware);
  }

  /** Every handler of the library, as it was built. */
  List<ActionHandler<?>> handlers() {
    return handlers;
  }

  /** Runs {@code action} with its handler; returns the details its handler records. */
  public Map<String, Object> run(Action action, ActionSteps steps) {
    ActionHandler<?> handler = byType.get(action.getClass());
    if (handler == null) {
      throw new EnshuException(
          EnshuException.Status.INTERNAL,
          "no runner for action " + action.getClass().getSimpleName());
    }
    return runWith(handler, action, steps);
  }

  private static <A extends Action> Map<String, Object> runWith(
      ActionHandler<A> handler, Action action, ActionSteps steps) {
    return handler.run(handler.type().cast(action), steps);
  }

  /** Undoes a ransomware inject on one host with the key the journal recorded. */
  public ExecResult restore(
      ActionSteps steps, String host, String key, String path, String extension) {
    return ransomware.restore(steps, host, key, path, extension);
  }

  /**
   * The handlers by type, when there is exactly one for each permitted kind of action; otherwise
   * fails with every kind that has none or more than one.
   */
  static Map<Class<?>, ActionHandler<?>> byType(List<ActionHandler<?>> handlers) {
    Map<Class<?>, List<String>> found = new LinkedHashMap<>();
    for (Class<?> kind : Action.class.getPermittedSubclasses()) {
      found.put(kind, new ArrayList<>());
    }
    Map<Class<?>, ActionHandler<?>> byType = new LinkedHashMap<>();
    for (ActionHandler<?> handler : handlers) {
      found
          .computeIfAbsent(handler.type(), k -> new ArrayList<>())
          .add(handler.getClass().getSimpleName());
      byType.put(handler.type(), handler);
    }
    List<String> problems = new ArrayList<>();
    found.forEach(
        (kind, names) -> {
          if (names.isEmpty()) {
            problems.add("no handler for action " + kind.getSimpleName());
          } else if (names.size() > 1) {
            problems.add(
                names.size()
                    + " handlers for action "
                    + kind.getSimpleName()
                    + ": "
                    + String.join(", ", names));
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the action library needs exactly one handler for each of "
              + Arrays.stream(Action.class.getPermittedSubclasses())
                  .map(Class::getSimpleName)
                  .toList()
              + ": "
              + String.join("; ", problems));
    }
    return Map.copyOf(byType);
  }
}
