package dev.enshu.orchestrator.timeline;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.enshu.orchestrator.access.AccessSlice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Who may send a team a message (instructors, and assistants at the team's venue) and who may fire
 * an inject (instructors only), through the real filter chain.
 */
@WebMvcTest({MessageController.class, TimelineFireController.class})
@Import(AccessSlice.Security.class)
class TimelineControllersAccessTest extends AccessSlice {
  @MockitoBean TeamMessages messages;
  @MockitoBean TimelineService timeline;

  @ParameterizedTest(name = "{0} messaging team 1: {1}")
  @CsvSource({
    "INSTRUCTOR, 201",
    "ASSISTANT_OF_TEAM, 201",
    "ASSISTANT_ELSEWHERE, 403",
    "TRAINEE_OF_TEAM, 403",
    "OBSERVER, 403",
    "ANONYMOUS, 401"
  })
  void instructorsAndTheTeamsAssistantSendMessages(Who who, int expected) throws Exception {
    mvc.perform(
            as(
                who,
                post("/api/exercises/" + EX + "/teams/1/messages")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"text\":\"check the proxy log\",\"severity\":\"alert\"}")))
        .andExpect(status().is(expected));
  }

  @ParameterizedTest(name = "{0} firing an inject for team 1: {1}")
  @CsvSource({
    "INSTRUCTOR, 202",
    "ASSISTANT_OF_TEAM, 403",
    "TRAINEE_OF_TEAM, 403",
    "OBSERVER, 403",
    "ANONYMOUS, 401"
  })
  void onlyInstructorsFireInjects(Who who, int expected) throws Exception {
    mvc.perform(as(who, post("/api/exercises/" + EX + "/teams/1/timeline/deface/fire")))
        .andExpect(status().is(expected));
  }
}
