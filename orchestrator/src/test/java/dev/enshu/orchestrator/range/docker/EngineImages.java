package dev.enshu.orchestrator.range.docker;

import java.time.Clock;

/**
 * The role images on this machine's Docker engine, for tests whose hosts are made from them
 * (libvirt guests' disks are too): built when missing or out of date, as on a fresh machine.
 */
public final class EngineImages {
  private EngineImages() {}

  public static void ensureBuilt() {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      new DockerRangeProvider(engine, Clock.systemUTC()).images().buildAll();
    }
  }
}
