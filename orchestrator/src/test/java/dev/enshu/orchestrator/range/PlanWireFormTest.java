package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.RangePlan.PlannedSegment;
import dev.enshu.template.HostRole;
import dev.enshu.template.SegmentPurpose;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Roles and purposes are enums in the plan and the same ids as in the YAML on the wire. */
class PlanWireFormTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aSegmentsPurposeIsWrittenAsItsTemplateId() {
    PlannedSegment biz =
        new PlannedSegment("biz", SegmentPurpose.BUSINESS_SERVERS, "10.64.10.0/24", "業務");
    String json = JSON.writeValueAsString(biz);
    assertThat(json).contains("\"purpose\":\"business-servers\"");
    assertThat(JSON.readValue(json, PlannedSegment.class)).isEqualTo(biz);
  }

  @Test
  void aHostsRoleIsWrittenAsItsCatalogueIdAndACheckersAsChecker() {
    PlannedHost ad = host("ad", HostRole.DOMAIN_CONTROLLER);
    PlannedHost checker = host("checker-biz", HostRole.CHECKER);
    assertThat(JSON.writeValueAsString(ad)).contains("\"role\":\"domain-controller\"");
    assertThat(JSON.writeValueAsString(checker)).contains("\"role\":\"checker\"");
    assertThat(JSON.readValue(JSON.writeValueAsString(ad), PlannedHost.class)).isEqualTo(ad);
  }

  private static PlannedHost host(String id, HostRole role) {
    return new PlannedHost(
        id,
        id,
        role,
        id,
        id + ".corp.example.jp",
        List.of(new PlannedHost.PlannedInterface("biz", "10.64.10.10", "02:00:00:00:00:01", false)),
        List.of(),
        List.of(),
        Map.of(),
        256,
        0.5,
        false);
  }
}
