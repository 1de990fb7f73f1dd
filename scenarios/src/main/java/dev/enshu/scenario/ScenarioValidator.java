package dev.enshu.scenario;

import dev.enshu.template.HostNames;
import dev.enshu.template.RangeTemplate;
import dev.enshu.yaml.Problems;
import dev.enshu.yaml.YamlDocument;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The cross-field rules of a scenario, checked after its structure and against the template it runs
 * on: ids, references, variables, timing, and the template overrides. Collects every violation
 * before failing.
 */
final class ScenarioValidator {
  private static final Pattern VARIABLE_USE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");
  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

  private final Scenario scenario;
  private final RangeTemplate template;
  private final YamlDocument document;
  private final Problems problems;
  private final Set<String> hostIds;
  private final Map<String, TimelineItem> items = new HashMap<>();
  private final Map<String, String> itemPaths = new HashMap<>();

  private ScenarioValidator(
      Scenario scenario, RangeTemplate template, YamlDocument document, Problems problems) {
    this.scenario = scenario;
    this.template = template;
    this.document = document;
    this.problems = problems;
    this.hostIds = new HashSet<>(HostNames.all(template));
  }

  /** Adds every problem of {@code scenario}, which runs on {@code template} (overrides applied). */
  static void validate(
      Scenario scenario, RangeTemplate template, YamlDocument document, Problems problems) {
    new ScenarioValidator(scenario, template, document, problems).run();
  }

  private void run() {
    checkVariables();
    checkVariableUses(document.root(), "");
    checkItemIds();
    for (int i = 0; i < scenario.accountsOrEmpty().size(); i++) {
      checkHost("accounts[" + i + "].host", scenario.accountsOrEmpty().get(i).host());
    }
    for (int i = 0; i < scenario.internetNamesOrEmpty().size(); i++) {
      checkHost("internetNames[" + i + "].host", scenario.internetNamesOrEmpty().get(i).host());
    }
    checkInjects();
    checkMessages();
    checkTiming();
    checkObjectives();
    checkChecks();
    checkHints();
    checkReport();
  }

  private void checkVariables() {
    scenario
        .variablesOrEmpty()
        .forEach(
            (name, variable) -> {
              String path = "variables." + name;
              if (!VARIABLE_NAME.matcher(name).matches()) {
                problems.add(
                    path,
                    "variable name '"
                        + name
                        + "' must be letters and digits, starting with a letter");
              }
              if (variable instanceof Variable.Choice choice && choice.values().isEmpty()) {
                problems.add(path + ".values", "a choice needs at least one value");
              } else if (variable instanceof Variable.HostPick pick) {
                checkHostPick(path, pick);
              } else if (variable instanceof Variable.Number number
                  && number.min() > number.max()) {
                problems.add(path, "min " + number.min() + " is above max " + number.max());
              } else if (variable instanceof Variable.Token token) {
                if (token.length() < 4 || token.length() > 64) {
                  problems.add(
                      path + ".length", "expected a length of 4 to 64, found " + token.length());
                }
                if (token.alphabet() != null
                    && !List.of("hex", "alnum").contains(token.alphabet())) {
                  problems.add(
                      path + ".alphabet",
                      "expected hex or alnum, found '" + token.alphabet() + "'");
                }
              }
            });
  }

  private void checkHostPick(String path, Variable.HostPick pick) {
    if (pick.segment() != null && template.segment(pick.segment()).isEmpty()) {
      problems.add(
          path + ".segment",
          "unknown segment '" + pick.segment() + "' in template '" + template.id() + "'");
      return;
    }
    boolean any =
        template.hosts().stream()
            .anyMatch(
                h ->
                    h.role() == pick.role()
                        && (pick.segment() == null
                            || h.interfaces().stream()
                                .anyMatch(n -> n.segment().equals(pick.segment()))));
    if (!any) {
      problems.add(
          path,
          "template '"
              + template.id()
              + "' has no "
              + pick.role().id()
              + " host"
              + (pick.segment() == null ? "" : " on segment '" + pick.segment() + "'"));
    }
  }

  /**
   * Every {@code ${...}} in a string outside {@code variables} must name a variable and a field it
   * has.
   */
  private void checkVariableUses(JsonNode node, String path) {
    if (path.equals("variables")) {
      return;
    }
    if (node.isString()) {
      Matcher use = VARIABLE_USE.matcher(node.asString());
      while (use.find()) {
        String reference = use.group(1);
        int dot = reference.indexOf('.');
        String name = dot < 0 ? reference : reference.substring(0, dot);
        Variable variable = scenario.variablesOrEmpty().get(name);
        if (variable == null) {
          problems.add(path, "unknown variable '" + name + "' in '${" + reference + "}'");
        } else if (dot >= 0 && !variable.fields().contains(reference.substring(dot + 1))) {
          problems.add(
              path,
              "variable '"
                  + name
                  + "' has no field '"
                  + reference.substring(dot + 1)
                  + "'"
                  + (variable.fields().isEmpty() ? "" : "; it has " + variable.fields()));
        }
      }
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkVariableUses(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        checkVariableUses(
            field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
      }
    }
  }

  private void checkItemIds() {
    for (int i = 0; i < scenario.timeline().size(); i++) {
      register(scenario.timeline().get(i), "timeline[" + i + "]");
    }
    for (int i = 0; i < scenario.messagesOrEmpty().size(); i++) {
      register(scenario.messagesOrEmpty().get(i), "messages[" + i + "]");
    }
  }

  private void register(TimelineItem item, String path) {
    checkId(path + ".id", item.id());
    if (items.putIfAbsent(item.id(), item) != null) {
      problems.add(
          path + ".id",
          "duplicate id '" + item.id() + "' (already used at " + itemPaths.get(item.id()) + ")");
    } else {
      itemPaths.put(item.id(), path);
    }
  }

  private void checkInjects() {
    for (int i = 0; i < scenario.timeline().size(); i++) {
      Inject inject = scenario.timeline().get(i);
      String path = "timeline[" + i + "]";
      checkTrigger(inject, path);
      if (!TECHNIQUE.matcher(inject.technique()).matches()) {
        problems.add(
            path + ".technique",
            "expected an ATT&CK technique id such as T1566 or T1566.001, found '"
                + inject.technique()
                + "'");
      }
      checkActionHosts(inject.action(), path + ".action");
      List<String> truthHosts = inject.groundTruth().hosts();
      for (int j = 0; j < truthHosts.size(); j++) {
        checkHost(path + ".groundTruth.hosts[" + j + "]", truthHosts.get(j));
      }
    }
  }

  private void checkActionHosts(Action action, String path) {
    JsonNode actionNode = nodeAt(path);
    for (String field : List.of("host", "from", "to", "server", "proxy")) {
      JsonNode value = actionNode == null ? null : actionNode.get(field);
      if (value != null && value.isString()) {
        checkHost(path + "." + field, value.asString());
      }
    }
    if (action instanceof Action.Ransomware ransomware) {
      for (int j = 0; j < ransomware.targets().size(); j++) {
        checkHost(path + ".targets[" + j + "]", ransomware.targets().get(j));
      }
    }
  }

  private JsonNode nodeAt(String path) {
    JsonNode node = document.root();
    for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
      if (node == null) {
        return null;
      }
      node =
          part.chars().allMatch(Character::isDigit)
              ? node.get(Integer.parseInt(part))
              : node.get(part);
    }
    return node;
  }

  /** A host reference is a host id of the range, or a host variable. */
  private void checkHost(String path, String reference) {
    Matcher use = VARIABLE_USE.matcher(reference);
    if (use.matches()) {
      Variable variable = scenario.variablesOrEmpty().get(use.group(1));
      if (variable != null && !(variable instanceof Variable.HostPick)) {
        problems.add(path, "variable '" + use.group(1) + "' is not a host variable");
      }
      return;
    }
    if (!hostIds.contains(reference)) {
      problems.add(path, "unknown host '" + reference + "' in template '" + template.id() + "'");
    }
  }

  private void checkTrigger(TimelineItem item, String path) {
    if ((item.at() == null) == (item.after() == null)) {
      problems.add(
          path, "give either at or after, not " + (item.at() == null ? "neither" : "both"));
    }
    if (item.after() != null && !items.containsKey(item.after())) {
      problems.add(path + ".after", "unknown inject '" + item.after() + "'");
    }
    if (item.delay() != null && item.after() == null) {
      problems.add(path + ".delay", "a delay needs after");
    }
    List<Condition> conditions = item.conditions();
    for (int j = 0; j < conditions.size(); j++) {
      Condition condition = conditions.get(j);
      if (condition instanceof Condition.CheckState c && scenario.check(c.check()).isEmpty()) {
        problems.add(path + ".when[" + j + "].check", "unknown check '" + c.check() + "'");
      } else if (condition instanceof Condition.ObjectiveState o
          && scenario.objective(o.objective()).isEmpty()) {
        problems.add(
            path + ".when[" + j + "].objective", "unknown objective '" + o.objective() + "'");
      }
    }
  }

  private void checkMessages() {
    for (int i = 0; i < scenario.messagesOrEmpty().size(); i++) {
      Message message = scenario.messagesOrEmpty().get(i);
      String path = "messages[" + i + "]";
      checkTrigger(message, path);
      if (message.channel() == Message.Channel.CONSOLE_AND_MAIL && message.mailbox() == null) {
        problems.add(path + ".mailbox", "a message also sent as mail needs a mailbox");
      }
    }
  }

  /** Cycles in {@code after}, and items due after the scenario ends. */
  private void checkTiming() {
    Map<String, Span> due = new HashMap<>();
    for (Map.Entry<String, String> entry : itemPaths.entrySet()) {
      String path = entry.getValue();
      Span when = dueTime(entry.getKey(), due, new java.util.LinkedHashSet<>(), path);
      if (when != null && when.compareTo(scenario.duration()) > 0) {
        problems.add(
            path + (items.get(entry.getKey()).at() != null ? ".at" : ".after"),
            "'"
                + entry.getKey()
                + "' is due at "
                + when
                + ", after the scenario ends at "
                + scenario.duration());
      }
    }
  }

  // visiting keeps the order of the walk (a LinkedHashSet), so that a cycle reads as it was walked
  private Span dueTime(String id, Map<String, Span> due, Set<String> visiting, String path) {
    if (due.containsKey(id)) {
      return due.get(id);
    }
    TimelineItem item = items.get(id);
    if (item == null) {
      return null;
    }
    if (!visiting.add(id)) {
      if (visiting.iterator().next().equals(id)) {
        List<String> cycle = new java.util.ArrayList<>(visiting);
        cycle.add(id);
        problems.add(itemPaths.get(id) + ".after", "cycle in after: " + String.join(" -> ", cycle));
      }
      return null;
    }
    Span when;
    if (item.at() != null) {
      when = item.at();
    } else {
      Span before = item.after() == null ? null : dueTime(item.after(), due, visiting, path);
      when = before == null ? null : later(before, item.delayOrZero());
    }
    visiting.remove(id);
    due.put(id, when);
    return when;
  }

  /**
   * {@code delay} after {@code start}; a sum past the longest time a span holds stays at that time,
   * which is after any scenario's end.
   */
  private static Span later(Span start, Span delay) {
    try {
      return start.plus(delay);
    } catch (ArithmeticException e) {
      return new Span(java.time.Duration.ofSeconds(Long.MAX_VALUE));
    }
  }

  private void checkObjectives() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < scenario.objectives().size(); i++) {
      Objective objective = scenario.objectives().get(i);
      String path = "objectives[" + i + "]";
      checkId(path + ".id", objective.id());
      if (!ids.add(objective.id())) {
        problems.add(path + ".id", "duplicate objective id '" + objective.id() + "'");
      }
      if (objective.expected().isEmpty()) {
        problems.add(path + ".expected", "an objective needs at least one accepted answer");
      }
      if (objective.points() < 0) {
        problems.add(path + ".points", "points cannot be negative");
      }
      if (objective.attempts() != null && objective.attempts() < 1) {
        problems.add(
            path + ".attempts", "expected at least 1 attempt, found " + objective.attempts());
      }
      if (objective.penalty() != null && objective.penalty() < 0) {
        problems.add(path + ".penalty", "a penalty is written as a positive number of points");
      }
      if (objective.opensAfter() != null
          && !(items.get(objective.opensAfter()) instanceof Inject)) {
        problems.add(path + ".opensAfter", "unknown inject '" + objective.opensAfter() + "'");
      }
      Objective.Decay decay = objective.decay();
      if (decay != null) {
        if (!items.containsKey(decay.after()) || !(items.get(decay.after()) instanceof Inject)) {
          problems.add(path + ".decay.after", "unknown inject '" + decay.after() + "'");
        }
        if (decay.percent() < 0 || decay.percent() > 100) {
          problems.add(path + ".decay.percent", "expected 0-100, found " + decay.percent());
        }
        if (decay.floor() != null && (decay.floor() < 0 || decay.floor() > 100)) {
          problems.add(path + ".decay.floor", "expected 0-100, found " + decay.floor());
        }
      }
    }
  }

  private void checkChecks() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < scenario.checks().size(); i++) {
      Check check = scenario.checks().get(i);
      String path = "checks[" + i + "]";
      checkId(path + ".id", check.id());
      if (!ids.add(check.id())) {
        problems.add(path + ".id", "duplicate check id '" + check.id() + "'");
      }
      checkHost(path + ".host", check.host());
      if (check.after() != null && !items.containsKey(check.after())) {
        problems.add(path + ".after", "unknown inject '" + check.after() + "'");
      }
      if (check.every().duration().toSeconds() < 10) {
        problems.add(path + ".every", "checks run at most every 10s, found " + check.every());
      }
      checkProbe(path, check);
    }
  }

  /**
   * Exactly one of run, observe and probe; a run says when it passes, an observation or a probe
   * what it sees.
   */
  private void checkProbe(String path, Check check) {
    int given =
        (check.run() == null ? 0 : 1)
            + (check.observe() == null ? 0 : 1)
            + (check.probe() == null ? 0 : 1);
    if (given > 1) {
      problems.add(
          path + ".observe",
          "give one of run (a command inside the host), observe (from outside it through the"
              + " engine) and probe (over the network from a hidden checker), not several");
    } else if (given == 0) {
      problems.add(
          path + ".observe",
          "say what it probes: observe (from outside the host, preferred), probe (over the network"
              + " from a hidden checker) or run (a command inside it)");
    }
    if (check.run() != null) {
      if (check.pass() == null) {
        problems.add(
            path + ".pass", "a run says when it passes: exitCode, outputContains, or both");
      } else if (check.pass().exitCode() == null && check.pass().outputContains() == null) {
        problems.add(path + ".pass", "say when it passes: exitCode, outputContains, or both");
      }
    } else if (check.pass() != null) {
      problems.add(
          path + ".pass", "pass applies to run only; an observation passes by what it observes");
    }
    if (check.observe() != null) {
      checkObservation(path + ".observe", check.observe());
    }
    if (check.probe() != null) {
      checkNetworkProbe(path + ".probe", check.probe());
    }
  }

  private void checkNetworkProbe(String path, Check.Probe probe) {
    if (template.segment(probe.from()).isEmpty()) {
      problems.add(
          path + ".from",
          "unknown segment '" + probe.from() + "' in template '" + template.id() + "'");
    }
    int given =
        (probe.tcp() == null ? 0 : 1)
            + (probe.http() == null ? 0 : 1)
            + (probe.disabled() == null ? 0 : 1);
    if (given != 1) {
      problems.add(path, "probe exactly one of tcp, http and disabled");
    }
    checkPort(path + ".tcp", probe.tcp());
    checkPort(path + ".http", probe.http());
    if (probe.expect() != null
        && !probe.expect().equals("open")
        && !probe.expect().equals("closed")) {
      problems.add(path + ".expect", "expected open or closed, found '" + probe.expect() + "'");
    }
    if (probe.tcp() == null && (probe.expect() != null || probe.banner() != null)) {
      problems.add(path, "expect and banner apply to tcp only");
    }
    if (probe.banner() != null && (probe.banner().isEmpty() || probe.expectsClosed())) {
      problems.add(path + ".banner", "a banner is some text a service sends on an open port");
    }
    if (probe.path() != null && (probe.http() == null || !probe.path().startsWith("/"))) {
      problems.add(path + ".path", "path applies to http and starts with '/'");
    }
    if (probe.disabled() != null && probe.disabled().isBlank()) {
      problems.add(path + ".disabled", "expected an account name, found none");
    }
  }

  private void checkPort(String path, Integer port) {
    if (port != null && (port < 1 || port > 65535)) {
      problems.add(path, "expected a port from 1 to 65535, found " + port);
    }
  }

  private void checkObservation(String path, Check.Observe observe) {
    int given =
        (observe.processes() == null ? 0 : 1)
            + (observe.file() == null ? 0 : 1)
            + (observe.files() == null ? 0 : 1);
    if (given != 1) {
      problems.add(path, "observe exactly one of processes, file and files");
    }
    Check.FileTree tree = observe.files();
    if (tree != null) {
      if (!tree.under().startsWith("/") || tree.under().contains("/../")) {
        problems.add(
            path + ".files.under", "expected an absolute path, found '" + tree.under() + "'");
      }
      if (tree.noneNamed().isBlank() || tree.noneNamed().contains("/")) {
        problems.add(
            path + ".files.noneNamed",
            "expected a file name pattern (no '/'), found '" + tree.noneNamed() + "'");
      }
    }
    Check.Processes processes = observe.processes();
    if (processes != null) {
      if ((processes.absent() == null) == (processes.present() == null)) {
        problems.add(path + ".processes", "give exactly one of absent and present");
      } else {
        String field = processes.absent() != null ? "absent" : "present";
        String name = processes.absent() != null ? processes.absent() : processes.present();
        if (name.isBlank() || name.contains("/")) {
          problems.add(
              path + ".processes." + field,
              "expected a process name (no '/'), found '" + name + "'");
        }
      }
    }
    Check.FileState file = observe.file();
    if (file != null) {
      if (!file.path().startsWith("/") || file.path().contains("/../")) {
        problems.add(path + ".file.path", "expected an absolute path, found '" + file.path() + "'");
      }
      if (file.contains() == null && file.lacks() == null && file.coversDomain() == null) {
        problems.add(path + ".file", "say what it looks for: contains, lacks, coversDomain");
      }
      if ("".equals(file.contains())) {
        problems.add(path + ".file.contains", "expected some text, found none");
      }
      if ("".equals(file.lacks())) {
        problems.add(path + ".file.lacks", "expected some text, found none");
      }
      if (file.coversDomain() != null
          && (file.coversDomain().isBlank() || file.coversDomain().startsWith("."))) {
        problems.add(
            path + ".file.coversDomain",
            "expected a domain name, found '" + file.coversDomain() + "'");
      }
    }
  }

  private void checkHints() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < scenario.hintsOrEmpty().size(); i++) {
      Hint hint = scenario.hintsOrEmpty().get(i);
      String path = "hints[" + i + "]";
      checkId(path + ".id", hint.id());
      if (!ids.add(hint.id())) {
        problems.add(path + ".id", "duplicate hint id '" + hint.id() + "'");
      }
      if (hint.objective() != null && scenario.objective(hint.objective()).isEmpty()) {
        problems.add(path + ".objective", "unknown objective '" + hint.objective() + "'");
      }
      if (hint.penalty() < 0) {
        problems.add(path + ".penalty", "a penalty is written as a positive number of points");
      }
    }
  }

  private void checkReport() {
    Set<String> sections = new HashSet<>();
    List<Report.Section> list = scenario.report().sections();
    for (int i = 0; i < list.size(); i++) {
      if (!sections.add(list.get(i).id())) {
        problems.add(
            "report.sections[" + i + "].id", "duplicate section id '" + list.get(i).id() + "'");
      }
    }
    Set<String> criteria = new HashSet<>();
    List<Report.Criterion> rubric = scenario.report().rubric();
    for (int i = 0; i < rubric.size(); i++) {
      Report.Criterion criterion = rubric.get(i);
      if (!criteria.add(criterion.id())) {
        problems.add(
            "report.rubric[" + i + "].id", "duplicate criterion id '" + criterion.id() + "'");
      }
      if (!sections.contains(criterion.section())) {
        problems.add(
            "report.rubric[" + i + "].section", "unknown section '" + criterion.section() + "'");
      }
      if (criterion.points() <= 0) {
        problems.add(
            "report.rubric[" + i + "].points",
            "expected a positive number of points, found " + criterion.points());
      }
    }
  }

  private void checkId(String path, String id) {
    if (!ID.matcher(id).matches()) {
      problems.add(
          path,
          "id '" + id + "' must be lower-case letters, digits and '-', starting with a letter");
    }
  }
}
