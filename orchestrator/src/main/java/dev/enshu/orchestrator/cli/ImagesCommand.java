package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Builds the range images that are missing or whose recipe changed, and says what it built. */
@Command(
    name = "images",
    description = "Build the range images locally (Debian base, then one per host role).")
final class ImagesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      out.println(engine.availability().detail());
      out.flush();
      List<DockerImages.Outcome> outcomes = new DockerImages(engine).buildAll();
      int built = 0;
      for (DockerImages.Outcome outcome : outcomes) {
        if (outcome.built()) {
          built++;
        }
        out.printf(
            "  %-8s %-34s %6.1f s  recipe %s%n",
            outcome.built() ? "built" : "current",
            outcome.image(),
            outcome.took().toMillis() / 1000.0,
            outcome.recipe());
      }
      out.printf("%d images built, %d already current%n", built, outcomes.size() - built);
      out.flush();
      return 0;
    } catch (EnshuException e) {
      spec.commandLine().getErr().println("enshu images: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
