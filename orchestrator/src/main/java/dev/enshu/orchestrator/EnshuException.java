package dev.enshu.orchestrator;

/**
 * The one unchecked root exception of the application. Its status says what kind of failure it is
 * and maps to an HTTP status; its message says what was expected, what was found, and which id.
 */
public class EnshuException extends RuntimeException {
  private final Status status;

  public EnshuException(Status status, String message) {
    super(message);
    this.status = status;
  }

  public EnshuException(Status status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public Status status() {
    return status;
  }

  /** Kinds of failure, each with the HTTP status it maps to. */
  public enum Status {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    TOO_MANY_REQUESTS(429),
    INTERNAL(500),
    UNAVAILABLE(503),
    TIMEOUT(504);

    private final int http;

    Status(int http) {
      this.http = http;
    }

    public int http() {
      return http;
    }
  }
}
