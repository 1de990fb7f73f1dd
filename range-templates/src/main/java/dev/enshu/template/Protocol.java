package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonValue;

/** A transport protocol in services and firewall rules. */
public enum Protocol {
  TCP("tcp"),
  UDP("udp"),
  ICMP("icmp"),
  ANY("any");

  private final String id;

  Protocol(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }
}
