package dev.enshu.orchestrator;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the application's exceptions into RFC 9457 problem details. */
@RestControllerAdvice
class ApiErrors {
  @ExceptionHandler(EnshuException.class)
  ProblemDetail enshu(EnshuException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status().http()), e.getMessage());
    problem.setType(
        URI.create(
            "https://enshu.dev/problems/" + e.status().name().toLowerCase().replace('_', '-')));
    problem.setTitle(e.status().name().replace('_', ' ').toLowerCase());
    return problem;
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
