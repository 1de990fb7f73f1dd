package dev.enshu.orchestrator.scoring;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.enshu.orchestrator.access.AccessSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may work as a team (findings) and who may change its score (adjustments), through the real
 * filter chain; the scoring itself is not the subject.
 */
@WebMvcTest(ScoringController.class)
@Import(AccessSlice.Security.class)
class ScoringControllerAccessTest extends AccessSlice {
  @MockitoBean ScoringService scoring;

  private static MockHttpServletRequestBuilder finding() {
    return post("/api/exercises/" + EX + "/teams/1/findings")
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"objective\":\"c2\",\"answer\":\"evil.example\",\"note\":\"\"}");
  }

  private static MockHttpServletRequestBuilder adjustment() {
    return post("/api/exercises/" + EX + "/teams/1/adjustments")
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"points\":5,\"reason\":\"good report\"}");
  }

  @ParameterizedTest(name = "{0} submitting a finding for team 1: {1}")
  @CsvSource({
    "INSTRUCTOR, 200",
    "TRAINEE_OF_TEAM, 200",
    "TRAINEE_ELSEWHERE, 403",
    "ASSISTANT_OF_TEAM, 403",
    "ASSISTANT_ELSEWHERE, 403",
    "OBSERVER, 403",
    "ANONYMOUS, 401"
  })
  void onlyTheTeamAndInstructorsSubmitFindings(Who who, int expected) throws Exception {
    mvc.perform(as(who, finding())).andExpect(status().is(expected));
    if (expected != 200) {
      verify(scoring, never()).submit(anyString(), anyInt(), any(), any());
    }
  }

  @Test
  void aTraineeOfAnotherTeamIsToldWhy() throws Exception {
    mvc.perform(as(Who.TRAINEE_ELSEWHERE, finding()))
        .andExpect(status().isForbidden())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("team 1 is not theirs")));
  }

  @ParameterizedTest(name = "{0} adjusting team 1's score: {1}")
  @CsvSource({
    "INSTRUCTOR, 201",
    "ASSISTANT_OF_TEAM, 403",
    "TRAINEE_OF_TEAM, 403",
    "OBSERVER, 403",
    "ANONYMOUS, 401"
  })
  void onlyInstructorsAdjustScores(Who who, int expected) throws Exception {
    mvc.perform(as(who, adjustment())).andExpect(status().is(expected));
  }

  @Test
  void aFindingOnABrowserSessionNeedsTheCsrfToken() throws Exception {
    mvc.perform(withSession(Who.TRAINEE_OF_TEAM, false, finding()))
        .andExpect(status().isForbidden())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("CSRF")));
    verify(scoring, never()).submit(anyString(), anyInt(), any(), any());
    mvc.perform(withSession(Who.TRAINEE_OF_TEAM, true, finding())).andExpect(status().isOk());
  }
}
