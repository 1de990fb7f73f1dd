package dev.enshu.orchestrator;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import java.io.File;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A real PostgreSQL server for tests, run by Testcontainers on the local engine from an image built
 * here from the Debian base (no registry is reachable). User {@code enshu}, no password.
 */
public final class TestPostgres {
  private static final String IMAGE = "enshu-test/postgres:15";

  /** Where {@link #startOnTmpfs} mounts the tmpfs in the container. */
  public static final String DISK = "/disk";

  private TestPostgres() {}

  /** A started server; the caller closes it. */
  public static GenericContainer<?> start() {
    GenericContainer<?> postgres = container();
    postgres.start();
    return postgres;
  }

  /**
   * A started server whose data directory, {@code /disk/data}, is on a tmpfs of {@code size} (such
   * as {@code 96m}) of its own, where {@code docker exec} can fill the disk beside it.
   */
  public static GenericContainer<?> startOnTmpfs(String size) {
    GenericContainer<?> postgres =
        container()
            .withTmpFs(java.util.Map.of(DISK, "rw,size=" + size + ",mode=1777"))
            .withCommand(
                "sh",
                "-c",
                "cp -a /var/lib/postgresql/data "
                    + DISK
                    + "/data && exec /usr/lib/postgresql/15/bin/postgres -D "
                    + DISK
                    + "/data -k /tmp");
    postgres.start();
    return postgres;
  }

  private static GenericContainer<?> container() {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      new DockerImages(engine).buildAll();
      engine
          .client()
          .buildImageCmd(new File("src/test/resources/images/postgres"))
          .withTags(Set.of(IMAGE))
          .withPull(false)
          .exec(new BuildImageResultCallback())
          .awaitImageId(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build " + IMAGE + ": " + e, e);
    }
    GenericContainer<?> postgres =
        new GenericContainer<>(IMAGE)
            .withExposedPorts(5432)
            .waitingFor(Wait.forLogMessage(".*ready to accept connections.*", 1));
    return postgres;
  }

  /** The JDBC URL of database {@code name} on {@code postgres}, made if it is not there. */
  public static String url(GenericContainer<?> postgres, String name) throws Exception {
    String server = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432);
    if (!name.equals("postgres")) {
      PGSimpleDataSource admin = new PGSimpleDataSource();
      admin.setURL(server + "/postgres");
      admin.setUser("enshu");
      try (var connection = admin.getConnection();
          var create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + name);
      }
    }
    return server + "/" + name;
  }

  public static PGSimpleDataSource dataSource(String url) {
    PGSimpleDataSource data = new PGSimpleDataSource();
    data.setURL(url);
    data.setUser("enshu");
    return data;
  }
}
