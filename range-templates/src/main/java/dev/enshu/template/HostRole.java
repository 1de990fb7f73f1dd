package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.enshu.yaml.NotInDocuments;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of host roles. Each provider maps a role to an image (a container image, a VM
 * guest) built locally from Debian packages; the role also says which services a host of it offers
 * and whether it routes between segments.
 */
public enum HostRole {
  WEB("web", "Web server (nginx)", "Webサーバ", false, List.of(Service.tcp("http", 80))),
  DNS(
      "dns",
      "DNS server",
      "DNSサーバ",
      false,
      List.of(Service.udp("dns", 53), Service.tcp("dns-tcp", 53))),
  MAIL("mail", "Mail server (postfix)", "メールサーバ", false, List.of(Service.tcp("smtp", 25))),
  PROXY("proxy", "HTTP proxy (squid)", "プロキシサーバ", false, List.of(Service.tcp("proxy", 3128))),
  SANITISER(
      "sanitiser",
      "Mail sanitisation server: removes attachments from internet mail",
      "無害化サーバ",
      false,
      List.of(Service.tcp("smtp", 25))),
  FIREWALL("firewall", "Firewall and router (nftables)", "ファイアウォール", true, List.of()),
  DOMAIN_CONTROLLER(
      "domain-controller",
      "Active Directory domain controller (Samba AD)",
      "ADサーバ",
      false,
      List.of(Service.tcp("ldap", 389), Service.tcp("kerberos", 88), Service.tcp("smb", 445))),
  FILE_SERVER(
      "file-server",
      "File server (Samba shares)",
      "ファイルサーバ",
      false,
      List.of(Service.tcp("smb", 445))),
  DHCP("dhcp", "DHCP server", "DHCPサーバ", false, List.of(Service.udp("dhcp", 67))),
  WORKSTATION("workstation", "Staff terminal", "端末", false, List.of()),
  APP_SERVER(
      "app-server",
      "Business application server (order management, research data, medical records)",
      "業務サーバ",
      false,
      List.of(Service.tcp("http-app", 8080))),
  VPN_GATEWAY(
      "vpn-gateway",
      "Remote-maintenance VPN appliance",
      "リモート保守用VPN装置",
      false,
      List.of(Service.tcp("https-portal", 443))),
  SOC(
      "soc",
      "SOC log collector (rsyslog)",
      "SOCログ収集サーバ",
      false,
      List.of(Service.tcp("syslog", 514))),
  ATTACKER("attacker", "Pseudo-attacker", "疑似攻撃者", false, List.of()),
  C2("c2", "Command-and-control server", "C2サーバ", false, List.of(Service.tcp("http", 80))),
  /**
   * The hidden checker host the orchestrator adds to a range for probe checks: no template or
   * scenario may name it, so it is in no schema, and it runs the attacker's image.
   */
  @NotInDocuments
  CHECKER("checker", "Hidden checker host for probe checks", "チェッカー", false, List.of());

  private final String id;
  private final String description;
  private final String japaneseName;
  private final boolean routes;

  // every constant passes an unmodifiable List.of(...), which the checker cannot see from the type
  @SuppressWarnings("ImmutableEnumChecker")
  private final List<Service> services;

  HostRole(
      String id, String description, String japaneseName, boolean routes, List<Service> services) {
    this.id = id;
    this.description = description;
    this.japaneseName = japaneseName;
    this.routes = routes;
    this.services = services;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public String japaneseName() {
    return japaneseName;
  }

  /** Whether hosts of this role forward packets between the segments they are attached to. */
  public boolean routes() {
    return routes;
  }

  /** The services a host of this role offers unless its template lists its own. */
  public List<Service> defaultServices() {
    return services;
  }

  public static Optional<HostRole> byId(String id) {
    return Arrays.stream(values()).filter(role -> role.id.equals(id)).findFirst();
  }
}
