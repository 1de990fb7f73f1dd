package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * User management, for instructors: generated passwords are in the answer once and stored only
 * hashed.
 */
@RestController
@RequestMapping("/api/users")
class UserController {
  private final Accounts accounts;
  private final Access access;

  UserController(Accounts accounts, Access access) {
    this.accounts = accounts;
    this.access = access;
  }

  @GetMapping
  List<Map<String, Object>> list() {
    instructor();
    return accounts.all().stream().map(UserController::view).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody Accounts.Request request) {
    Actor actor = instructor();
    Accounts.Issued issued = accounts.create(request, actor.name());
    Map<String, Object> out = view(issued.user());
    out.put("password", issued.password());
    return out;
  }

  @DeleteMapping("/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String name) {
    accounts.delete(name, instructor().name());
  }

  @PostMapping("/{name}/password")
  Map<String, String> password(@PathVariable String name) {
    return Map.of("password", accounts.resetPassword(name, instructor().name()).password());
  }

  /** Allows ({@code allowed=true}) or forbids a user to start online runs. */
  @PostMapping("/{name}/online")
  Map<String, Object> online(
      @PathVariable String name, @RequestParam(name = "allowed") boolean allowed) {
    return view(accounts.setOnline(name, allowed, instructor().name()));
  }

  private Actor instructor() {
    Actor actor = access.current();
    if (actor.role() != Actor.Role.INSTRUCTOR) {
      throw new EnshuException(
          Status.FORBIDDEN, "refused: " + actor + " may not manage users; instructors do");
    }
    return actor;
  }

  static Map<String, Object> view(User user) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", user.name());
    out.put("role", user.role().id());
    out.put("exercise", user.exercise());
    out.put("team", user.team());
    out.put("venues", user.venues().stream().sorted().toList());
    out.put("online", user.online());
    return out;
  }
}
