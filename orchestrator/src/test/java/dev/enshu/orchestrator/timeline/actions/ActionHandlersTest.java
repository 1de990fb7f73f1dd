package dev.enshu.orchestrator.timeline.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.scenario.Action;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionHandlersTest {

  @Test
  void everyPermittedKindOfActionHasExactlyOneHandler() {
    List<ActionHandler<?>> handlers = ActionHandlers.standard().handlers();
    for (Class<?> kind : Action.class.getPermittedSubclasses()) {
      assertThat(handlers.stream().filter(h -> h.type() == kind))
          .as("handlers for %s", kind.getSimpleName())
          .hasSize(1);
    }
    assertThat(handlers).hasSize(Action.class.getPermittedSubclasses().length);
  }

  @Test
  void aLibraryWithoutAHandlerForAKindOfActionFailsNamingTheKind() {
    List<ActionHandler<?>> handlers = new ArrayList<>(ActionHandlers.standard().handlers());
    handlers.removeIf(h -> h.type() == Action.Command.class || h.type() == Action.Deface.class);

    assertThatThrownBy(() -> ActionHandlers.byType(handlers))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no handler for action Deface")
        .hasMessageContaining("no handler for action Command");
  }

  @Test
  void aLibraryWithTwoHandlersForOneKindFailsNamingBoth() {
    List<ActionHandler<?>> handlers = new ArrayList<>(ActionHandlers.standard().handlers());
    handlers.add(new CommandHandler());

    assertThatThrownBy(() -> ActionHandlers.byType(handlers))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 handlers for action Command: CommandHandler, CommandHandler");
  }

  @Test
  void everyMissingScriptIsNamedInOneError() {
    ActionScripts scripts = new ActionScripts();
    assertThat(scripts.get("implant")).startsWith("#!/usr/bin/env bash\n");
    assertThat(scripts.get("no-such-action")).isNull();
    assertThat(scripts.get("nor-this")).isNull();

    assertThatThrownBy(scripts::requireAll)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/actions/no-such-action.sh, /actions/nor-this.sh");
  }
}
