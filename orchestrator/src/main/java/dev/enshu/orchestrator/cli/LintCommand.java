package dev.enshu.orchestrator.cli;

import dev.enshu.scenario.Scenario;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.RangeTemplate;
import dev.enshu.template.TemplateLoader;
import dev.enshu.yaml.InvalidDocumentException;
import dev.enshu.yaml.Problem;
import dev.enshu.yaml.YamlDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks scenario and template files; prints a summary per good file and every problem of bad ones.
 */
@Command(
    name = "lint",
    description =
        "Check scenario and range-template files. Exit 0: all valid; 1: problems found; 2: usage error.")
final class LintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario or template YAML files")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int bad = 0;
    for (Path file : files) {
      try {
        out.println(lint(file));
      } catch (InvalidDocumentException e) {
        bad++;
        e.problems().forEach(err::println);
      }
    }
    out.flush();
    err.flush();
    return bad == 0 ? 0 : 1;
  }

  private static String lint(Path file) {
    // not UTF-8, too large or unreadable: a problem at its line, as the loaders report it
    String text = dev.enshu.yaml.SourceFiles.read(file);
    YamlDocument document = YamlDocument.parse(file.toString(), text);
    if (document.root().has("timeline") || document.root().has("template")) {
      ScenarioLoader.Loaded loaded = ScenarioLoader.load(file);
      Scenario s = loaded.scenario();
      return String.format(
          "ok %s: scenario '%s' on '%s', level %s, %s: %d injects, %d messages, %d objectives, %d checks, %d hints",
          file,
          s.id(),
          s.template(),
          s.level().id(),
          s.duration(),
          s.timeline().size(),
          s.messagesOrEmpty().size(),
          s.objectives().size(),
          s.checks().size(),
          s.hintsOrEmpty().size());
    }
    if (document.root().has("segments")) {
      RangeTemplate t = TemplateLoader.load(file);
      return String.format(
          "ok %s: template '%s', %d segments, %d hosts, %d firewall rules",
          file, t.id(), t.segments().size(), t.hosts().size(), t.firewall().rules().size());
    }
    throw new InvalidDocumentException(
        List.of(
            new Problem(
                file.toString(),
                1,
                "",
                "neither a scenario (it has no timeline) nor a range template (it has no segments)")));
  }
}
