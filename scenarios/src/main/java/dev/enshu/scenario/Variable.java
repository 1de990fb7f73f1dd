package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A per-team value drawn reproducibly from the exercise seed, so that teams cannot copy each
 * other's answers. Strings elsewhere in the scenario use it as {@code ${name}}; a host variable
 * also offers {@code ${name.address}} and {@code ${name.user}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Variable.Choice.class, name = "choice"),
  @JsonSubTypes.Type(value = Variable.HostPick.class, name = "host"),
  @JsonSubTypes.Type(value = Variable.Number.class, name = "number"),
  @JsonSubTypes.Type(value = Variable.Token.class, name = "token")
})
public sealed interface Variable {

  /** One of the listed values; teams get different ones while there are enough. */
  record Choice(
      @JsonProperty(required = true) @JsonPropertyDescription("The values to draw from")
          List<String> values)
      implements Variable {}

  /** One of the range's hosts of a role, optionally on one segment. */
  record HostPick(
      @JsonProperty(required = true) dev.enshu.template.HostRole role,
      @JsonPropertyDescription("Only hosts on this segment") String segment)
      implements Variable {}

  /** A whole number between min and max, both included. */
  // the name is in the published scenario schema (its $defs); always used qualified,
  // Variable.Number
  @SuppressWarnings("JavaLangClash")
  record Number(@JsonProperty(required = true) int min, @JsonProperty(required = true) int max)
      implements Variable {}

  /** A random string, such as a file name or a ransom-note id. */
  record Token(
      @JsonProperty(required = true) @JsonPropertyDescription("Length, 4-64") int length,
      @JsonPropertyDescription("hex (default) or alnum") String alphabet)
      implements Variable {}

  /** The fields {@code ${name.field}} may name for this kind of variable. */
  default List<String> fields() {
    return this instanceof HostPick ? List.of("address", "user", "fqdn") : List.of();
  }
}
