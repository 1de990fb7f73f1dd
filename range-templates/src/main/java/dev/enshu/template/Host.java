package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/**
 * A host, or with {@code count} above one a group of identical hosts whose ids get a number ({@code
 * pc-somu-1}, {@code pc-somu-2}, ...).
 */
public record Host(
    @JsonProperty(required = true) @JsonPropertyDescription("Host id, unique in the template")
        String id,
    @JsonProperty(required = true) HostRole role,
    @JsonPropertyDescription("Number of identical hosts; default 1") Integer count,
    @JsonPropertyDescription("Name shown to trainees") Localized title,
    @JsonProperty(required = true) List<HostInterface> interfaces,
    @JsonPropertyDescription("Services; default: the role's") List<Service> services,
    Resources resources,
    @JsonPropertyDescription(
            "Role settings the image reads, such as app: orders or user: sato; values may use"
                + " {n}, the host's number in its group")
        Map<String, String> settings) {

  public int countOrOne() {
    return count == null ? 1 : count;
  }

  public List<Service> servicesOrDefault() {
    return services == null ? role.defaultServices() : services;
  }

  public Map<String, String> settingsOrEmpty() {
    return settings == null ? Map.of() : settings;
  }
}
