package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the engine's returns: a daemon thread follows the engine's event stream, which ends when
 * the engine stops; once the engine answers again the count goes up and the stream is followed
 * anew. The thread starts on the first {@link #count()} and ends with {@link #close()}.
 */
final class DockerReturns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DockerReturns.class);

  private final DockerEngine engine;
  private final AtomicLong returns = new AtomicLong();
  private Thread follower;
  private volatile boolean closed;

  DockerReturns(DockerEngine engine) {
    this.engine = engine;
  }

  long count() {
    startOnce();
    return returns.get();
  }

  private synchronized void startOnce() {
    if (follower == null && !closed) {
      follower = new Thread(this::follow, "docker-engine-returns");
      follower.setDaemon(true);
      follower.start();
    }
  }

  private void follow() {
    while (!closed) {
      try (ResultCallback.Adapter<Event> stream =
          engine.unchecked().eventsCmd().exec(new EndOfStream())) {
        stream.awaitCompletion();
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // the engine went away, or refused the stream: wait for it below
      }
      if (closed || !awaitAnswer()) {
        return;
      }
      LOG.info("the Docker engine answers again; its ranges are checked");
      returns.incrementAndGet();
    }
  }

  /** Asks once a second until the engine answers; false when closed or interrupted first. */
  private boolean awaitAnswer() {
    while (!closed) {
      if (engine.availability().available()) {
        return true;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return false;
      }
    }
    return false;
  }

  /** The stream's end by an engine going away is expected: it is logged once, by the watch. */
  private static final class EndOfStream extends ResultCallback.Adapter<Event> {
    @Override
    public void onError(Throwable error) {
      LOG.info("the Docker engine's event stream ended: {}", DockerEngine.rootMessage(error));
      onComplete();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (follower != null) {
      follower.interrupt();
    }
  }
}
