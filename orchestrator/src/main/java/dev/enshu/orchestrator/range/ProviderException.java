package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.EnshuException;

/** A provider could not do what was asked; the message names the range, host and step. */
public class ProviderException extends EnshuException {
  public ProviderException(Status status, String message) {
    super(status, message);
  }

  public ProviderException(Status status, String message, Throwable cause) {
    super(status, message, cause);
  }
}
