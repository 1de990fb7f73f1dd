package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a network segment is for in the organisation the template models. */
public enum SegmentPurpose {
  /** The simulated internet inside the range: attacker, C2, public DNS. */
  INTERNET("internet"),
  DMZ("dmz"),
  /** Servers of the business network (業務用ネットワーク). */
  BUSINESS_SERVERS("business-servers"),
  /** A department's terminals (各課のセグメント). */
  DEPARTMENT("department"),
  /** Core systems (基幹系ネットワーク). */
  CORE("core"),
  /** Research and development (研究開発用ネットワーク). */
  RESEARCH("research"),
  /** The outsourced operations vendor's SOC. */
  SOC("soc"),
  /** Remote maintenance and other management access. */
  MANAGEMENT("management");

  private final String id;

  SegmentPurpose(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }
}
