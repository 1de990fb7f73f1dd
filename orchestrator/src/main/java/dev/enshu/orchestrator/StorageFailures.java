package dev.enshu.orchestrator;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Recognises a database that cannot store anything wherever a request meets it (a controller, or
 * the login before any controller runs), and renews the pool's connections each time, so that the
 * server takes requests again as soon as the database can write. Thread-safe.
 */
@Component
public class StorageFailures {
  private static final Logger LOG = LoggerFactory.getLogger(StorageFailures.class);
  private final DataSource data;

  StorageFailures(DataSource data) {
    this.data = data;
  }

  /** The failure when {@code e} is one; then it is logged and the connections renewed. */
  public Optional<StorageFailure> recognise(Throwable e) {
    Optional<StorageFailure> failure = StorageFailure.of(e);
    failure.ifPresent(
        f -> {
          LOG.error("the database cannot store anything: {} ({})", f.kind().state(), f.words());
          if (data instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
          }
        });
    return failure;
  }
}
