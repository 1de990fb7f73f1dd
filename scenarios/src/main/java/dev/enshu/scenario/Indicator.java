package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** An indicator of compromise an inject leaves behind. */
public record Indicator(
    @JsonProperty(required = true) Kind kind, @JsonProperty(required = true) String value) {

  /** What kind of indicator it is; answers are matched by kind. */
  public enum Kind {
    HOST("host"),
    IP("ip"),
    DOMAIN("domain"),
    URL("url"),
    FILE("file"),
    SHA256("sha256"),
    ACCOUNT("account"),
    PROCESS("process"),
    EMAIL("email"),
    TECHNIQUE("technique"),
    TEXT("text");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }
}
