package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an inject does inside the team's range. Each kind is a benign simulation run through the
 * provider on range hosts only, leaving the artifacts and logs a defender can find. Text fields may
 * use the scenario's variables ({@code ${victim}}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Action.PhishingMail.class, name = "phishing-mail"),
  @JsonSubTypes.Type(value = Action.Implant.class, name = "implant"),
  @JsonSubTypes.Type(value = Action.Discovery.class, name = "discovery"),
  @JsonSubTypes.Type(value = Action.CredentialTheft.class, name = "credential-theft"),
  @JsonSubTypes.Type(value = Action.LateralMovement.class, name = "lateral-movement"),
  @JsonSubTypes.Type(value = Action.Exfiltration.class, name = "exfiltration"),
  @JsonSubTypes.Type(value = Action.Ransomware.class, name = "ransomware"),
  @JsonSubTypes.Type(value = Action.Deface.class, name = "deface"),
  @JsonSubTypes.Type(value = Action.VpnExploit.class, name = "vpn-exploit"),
  @JsonSubTypes.Type(value = Action.Command.class, name = "command")
})
public sealed interface Action {

  /** The range hosts this action runs on or touches; each must exist in the plan. */
  List<String> hosts();

  /** A mail with an attachment, sent from the attacker through the range's mail path. */
  record PhishingMail(
      @JsonProperty(required = true) @JsonPropertyDescription("Host that sends it") String from,
      @JsonProperty(required = true) @JsonPropertyDescription("Sender address") String sender,
      @JsonProperty(required = true) @JsonPropertyDescription("Recipient address") String recipient,
      @JsonProperty(required = true) @JsonPropertyDescription("Mail server it is sent to")
          String server,
      @JsonProperty(required = true) String subject,
      @JsonProperty(required = true) String body,
      @JsonPropertyDescription("File name of the attachment") String attachment)
      implements Action {
    @Override
    public List<String> hosts() {
      return List.of(from, server);
    }
  }

  /** A program dropped and started on a host that beacons over HTTP through the proxy to the C2. */
  record Implant(
      @JsonProperty(required = true) String host,
      @JsonProperty(required = true) @JsonPropertyDescription("Where the file is dropped")
          String path,
      @JsonProperty(required = true) @JsonPropertyDescription("Process name it runs as")
          String process,
      @JsonProperty(required = true) @JsonPropertyDescription("C2 domain it beacons to") String c2,
      @JsonProperty(required = true) Span interval,
      @JsonProperty(required = true) String userAgent,
      @JsonPropertyDescription("Proxy host it beacons through") String proxy)
      implements Action {
    @Override
    public List<String> hosts() {
      return proxy == null ? List.of(host) : List.of(host, proxy);
    }
  }

  /** Discovery commands run on a host, as an attacker at its keyboard would. */
  record Discovery(
      @JsonProperty(required = true) String host,
      @JsonProperty(required = true) List<String> commands)
      implements Action {
    @Override
    public List<String> hosts() {
      return List.of(host);
    }
  }

  /** A credential planted on a host is read and recorded by the attacker. */
  record CredentialTheft(
      @JsonProperty(required = true) String host,
      @JsonProperty(required = true) @JsonPropertyDescription("Account whose credential is stolen")
          String account,
      @JsonProperty(required = true) @JsonPropertyDescription("File the credential is read from")
          String source)
      implements Action {
    @Override
    public List<String> hosts() {
      return List.of(host);
    }
  }

  /** The attacker logs on to another host with a stolen account. */
  record LateralMovement(
      @JsonProperty(required = true) String from,
      @JsonProperty(required = true) String to,
      @JsonProperty(required = true) String account,
      @JsonPropertyDescription("smb (default) or ssh") String protocol)
      implements Action {
    @Override
    public List<String> hosts() {
      return List.of(from, to);
    }
  }

  /** Files are packed and sent to the C2. */
  record Exfiltration(
      @JsonProperty(required = true) String host,
      @JsonProperty(required = true) @JsonPropertyDescription("Files or folder sent out")
          String source,
      @JsonProperty(required = true) @JsonPropertyDescription("C2 domain that receives them")
          String c2,
      @JsonPropertyDescription("Proxy host it passes") String proxy)
      implements Action {
    @Override
    public List<String> hosts() {
      return proxy == null ? List.of(host) : List.of(host, proxy);
    }
  }

  /**
   * Files under a path are encrypted with a key recorded in the journal, and a note is dropped.
   * Reversible, so an instructor can restore them.
   */
  record Ransomware(
      @JsonProperty(required = true) List<String> targets,
      @JsonProperty(required = true) @JsonPropertyDescription("Folder whose files are encrypted")
          String path,
      @JsonProperty(required = true) @JsonPropertyDescription("Extension added to encrypted files")
          String extension,
      @JsonProperty(required = true) @JsonPropertyDescription("Text of the ransom note")
          String note)
      implements Action {
    @Override
    public List<String> hosts() {
      return targets;
    }
  }

  /** The public web site's page is replaced. */
  record Deface(
      @JsonProperty(required = true) String host, @JsonProperty(required = true) String message)
      implements Action {
    @Override
    public List<String> hosts() {
      return List.of(host);
    }
  }

  /** A known vulnerability of the VPN appliance is exploited to read its accounts and log on. */
  record VpnExploit(
      @JsonProperty(required = true) String from,
      @JsonProperty(required = true) String host,
      @JsonProperty(required = true) @JsonPropertyDescription("Advisory id, such as CVE-2018-13379")
          String vulnerability,
      @JsonProperty(required = true) @JsonPropertyDescription("Maintenance account taken")
          String account)
      implements Action {
    @Override
    public List<String> hosts() {
      return List.of(from, host);
    }
  }

  /** Any command on a range host, for steps the library has no action for. */
  record Command(
      @JsonProperty(required = true) String host, @JsonProperty(required = true) String run)
      implements Action {
    @Override
    public List<String> hosts() {
      return List.of(host);
    }
  }

  /** Every host reference, for validation. */
  static Stream<String> hostsOf(Action action) {
    return action.hosts().stream();
  }
}
