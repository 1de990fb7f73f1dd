package dev.enshu.orchestrator.cli;

import picocli.CommandLine.Option;

/**
 * The address the server listens on, shared by the commands that run it: loopback unless the
 * operator names the management address, so a network the server is not meant for cannot reach it.
 */
final class ServerAddressOption {
  @Option(
      names = "--address",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      description =
          "Address the server listens on (default ${DEFAULT-VALUE}); a management address"
              + " or 0.0.0.0 to serve other machines")
  String address;

  String springArgument() {
    return "--server.address=" + address;
  }

  /** Host and port for the URLs a command prints: localhost when it listens there or everywhere. */
  String authority(int port) {
    String host =
        switch (address) {
          case "127.0.0.1", "0.0.0.0", "::", "::1", "localhost" -> "localhost";
          default -> address.contains(":") ? "[" + address + "]" : address;
        };
    return host + ":" + port;
  }
}
