package dev.enshu.orchestrator;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the application's exceptions into RFC 9457 problem details. */
@RestControllerAdvice
class ApiErrors {
  private final StorageFailures storage;

  ApiErrors(StorageFailures storage) {
    this.storage = storage;
  }

  @ExceptionHandler(EnshuException.class)
  ProblemDetail enshu(EnshuException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status().http()), e.getMessage());
    problem.setType(
        URI.create(
            "https://enshu.dev/problems/"
                + e.status().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    problem.setTitle(e.status().name().replace('_', ' ').toLowerCase(Locale.ROOT));
    return problem;
  }

  /**
   * A database that cannot store anything: 503 with its reason. The pool's connections are renewed,
   * so the server takes requests again as soon as the database can write.
   */
  @ExceptionHandler({
    org.springframework.dao.DataAccessException.class,
    org.springframework.transaction.TransactionException.class
  })
  org.springframework.http.ResponseEntity<ProblemDetail> database(RuntimeException e) {
    StorageFailure failure = storage.recognise(e).orElseThrow(() -> e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, failure.detail());
    problem.setProperty("reason", failure.kind().id());
    problem.setType(URI.create("https://enshu.dev/problems/unavailable"));
    problem.setTitle("unavailable");
    return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "30")
        .body(problem);
  }

  @ExceptionHandler(dev.enshu.yaml.InvalidDocumentException.class)
  ProblemDetail invalid(dev.enshu.yaml.InvalidDocumentException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(URI.create("https://enshu.dev/problems/invalid-document"));
    problem.setTitle("invalid document");
    problem.setProperty("problems", e.problems().stream().map(Object::toString).toList());
    return problem;
  }
}
