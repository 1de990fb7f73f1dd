package dev.enshu.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class BundledTemplatesTest {
  static final java.util.List<String> BUNDLED = TemplateLoader.BUNDLED;

  @ParameterizedTest
  @FieldSource("BUNDLED")
  void bundledTemplateValidates(String id) {
    RangeTemplate template = TemplateLoader.bundled(id);
    assertThat(template.id()).isEqualTo(id);
    assertThat(template.hosts()).extracting(Host::role).contains(HostRole.FIREWALL, HostRole.SOC);
  }

  @Test
  void cyderStandardModelsTheCourseNetwork() {
    RangeTemplate t = TemplateLoader.bundled("cyder-standard");
    Map<SegmentPurpose, Long> purposes =
        t.segments().stream()
            .collect(Collectors.groupingBy(Segment::purpose, Collectors.counting()));
    assertThat(purposes)
        .containsKeys(
            SegmentPurpose.INTERNET,
            SegmentPurpose.DMZ,
            SegmentPurpose.BUSINESS_SERVERS,
            SegmentPurpose.CORE,
            SegmentPurpose.RESEARCH,
            SegmentPurpose.SOC);
    assertThat(purposes.get(SegmentPurpose.DEPARTMENT)).isGreaterThanOrEqualTo(2);
    assertThat(t.hosts())
        .extracting(Host::role)
        .contains(
            HostRole.ATTACKER,
            HostRole.C2,
            HostRole.DNS,
            HostRole.WEB,
            HostRole.MAIL,
            HostRole.PROXY,
            HostRole.SANITISER,
            HostRole.DOMAIN_CONTROLLER,
            HostRole.FILE_SERVER,
            HostRole.DHCP,
            HostRole.APP_SERVER,
            HostRole.SOC);
    // department terminals lease their addresses
    t.segments().stream()
        .filter(s -> s.purpose() == SegmentPurpose.DEPARTMENT)
        .forEach(
            s -> {
              assertThat(s.dhcp()).as("DHCP pool of %s", s.id()).isNotNull();
              assertThat(t.hosts())
                  .anySatisfy(
                      h -> {
                        assertThat(h.role()).isEqualTo(HostRole.WORKSTATION);
                        assertThat(h.interfaces())
                            .anySatisfy(
                                n -> {
                                  assertThat(n.segment()).isEqualTo(s.id());
                                  assertThat(n.usesDhcp()).isTrue();
                                });
                      });
            });
    // core and R&D sit behind their own firewalls
    assertThat(t.segment("core").orElseThrow().gateway()).isEqualTo("fw-core");
    assertThat(t.segment("rnd").orElseThrow().gateway()).isEqualTo("fw-rnd");
  }
}
