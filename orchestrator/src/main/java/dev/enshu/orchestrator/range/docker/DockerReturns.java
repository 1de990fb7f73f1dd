package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the engine's returns: a daemon thread follows the engine's event stream, which ends when
 * the engine stops; once the engine answers again the count goes up and the stream is followed
 * anew. A stream that only timed out, with the engine answering at once, is followed anew without
 * counting. The thread starts on the first {@link #count()} and lives as long as the process (the
 * server's engine does).
 */
final class DockerReturns {
  private static final Logger LOG = LoggerFactory.getLogger(DockerReturns.class);

  private final DockerEngine engine;
  private final AtomicLong returns = new AtomicLong();
  private Thread follower;

  DockerReturns(DockerEngine engine) {
    this.engine = engine;
  }

  long count() {
    startOnce();
    return returns.get();
  }

  private synchronized void startOnce() {
    if (follower == null) {
      follower = new Thread(this::follow, "docker-engine-returns");
      follower.setDaemon(true);
      follower.start();
    }
  }

  private void follow() {
    while (true) {
      EndOfStream stream = new EndOfStream();
      try (stream) {
        engine.unchecked().eventsCmd().exec(stream).awaitCompletion();
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // the engine went away, or refused the stream: wait for it below
      }
      if (stream.timedOut && engine.availability().available()) {
        continue;
      }
      // at most one look a second, even when the engine ends each stream at once
      if (!pause() || !awaitAnswer()) {
        return;
      }
      LOG.info("the Docker engine answers again; its ranges are checked");
      returns.incrementAndGet();
    }
  }

  /** Asks once a second until the engine answers; false when interrupted first. */
  private boolean awaitAnswer() {
    while (!engine.availability().available()) {
      if (!pause()) {
        return false;
      }
    }
    return true;
  }

  private static boolean pause() {
    try {
      Thread.sleep(1000);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The stream's end by an engine going away is expected: it is logged once, by the watch. */
  private static final class EndOfStream extends ResultCallback.Adapter<Event> {
    private volatile boolean timedOut;

    @Override
    public void onError(Throwable error) {
      String root = DockerEngine.rootMessage(error);
      timedOut = root.startsWith("SocketTimeoutException");
      LOG.info("the Docker engine's event stream ended: {}", root);
      onComplete();
    }
  }
}
