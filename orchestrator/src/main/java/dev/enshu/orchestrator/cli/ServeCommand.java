package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.EnshuApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** Runs the server until it is stopped. */
@Command(name = "serve", description = "Run the Enshu server (REST API, live feed, consoles).")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default ${DEFAULT-VALUE})")
  int port;

  @Mixin ServerAddressOption address = new ServerAddressOption();

  @Option(
      names = "--data-dir",
      defaultValue = "./data",
      description = "Where the embedded database lives (default ${DEFAULT-VALUE})")
  String dataDir;

  @Unmatched List<String> springArguments = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    List<String> args = new ArrayList<>(springArguments);
    args.add("--server.port=" + port);
    args.add(address.springArgument());
    args.add("--enshu.data-dir=" + dataDir);
    EnshuApplication.start(args.toArray(String[]::new));
    Thread.currentThread().join();
    return 0;
  }
}
