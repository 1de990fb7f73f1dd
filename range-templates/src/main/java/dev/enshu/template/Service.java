package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A network service a host offers inside its range. */
public record Service(
    @JsonProperty(required = true) @JsonPropertyDescription("Name, such as http or smtp")
        String name,
    @JsonProperty(required = true) Protocol protocol,
    @JsonProperty(required = true) @JsonPropertyDescription("Port, 1-65535") int port) {

  static Service tcp(String name, int port) {
    return new Service(name, Protocol.TCP, port);
  }

  static Service udp(String name, int port) {
    return new Service(name, Protocol.UDP, port);
  }
}
