package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeProvider.ProcessInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What the engine sees of a container from outside it: its processes through the engine's top API
 * (the engine runs {@code ps} on its own side over the container's process ids, found from its
 * cgroup), and its files through the archive API (the engine copies them out of the container's
 * root file system). Neither runs anything in the container, so its root cannot change the answer
 * by replacing programs in it, and nothing of the question appears on its command lines.
 */
final class DockerObservation {
  /** Links followed before a file is given up on, as the kernel's own limit for a path. */
  private static final int MAX_LINKS = 8;

  private final DockerEngine engine;

  DockerObservation(DockerEngine engine) {
    this.engine = engine;
  }

  List<ProcessInfo> processes(String container) {
    // two listings, because only the last column of ps may hold spaces: a command line, or a
    // short name (a process may rename itself to one with spaces)
    String[][] commands = top(container, "-o pid,uid,args");
    Map<Long, String> names = new HashMap<>();
    for (String[] row : top(container, "-o pid,comm")) {
      if (row.length == 2) {
        names.put(Long.parseLong(row[0].strip()), row[1]);
      }
    }
    List<ProcessInfo> out = new ArrayList<>();
    for (String[] row : commands) {
      if (row.length != 3) {
        continue;
      }
      long pid = Long.parseLong(row[0].strip());
      String commandLine = row[2];
      String name = names.getOrDefault(pid, baseName(firstWord(commandLine)));
      out.add(new ProcessInfo(pid, row[1], name, commandLine));
    }
    return List.copyOf(out);
  }

  private String[][] top(String container, String psArgs) {
    try {
      TopContainerResponse top =
          engine.unchecked().topContainerCmd(container).withPsArgs(psArgs).exec();
      return top.getProcesses() == null ? new String[0][] : top.getProcesses();
    } catch (NotFoundException e) {
      throw new ProviderException(
          Status.NOT_FOUND, "no container " + container + ": " + e.getMessage(), e);
    } catch (ConflictException e) {
      throw new ProviderException(
          Status.CONFLICT,
          "cannot list the processes of "
              + container
              + ": it is not running ("
              + e.getMessage()
              + ")",
          e);
    } catch (RuntimeException e) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "the engine did not list the processes of "
              + container
              + ": "
              + DockerEngine.rootMessage(e),
          e);
    }
  }

  Optional<byte[]> readFile(String container, String path, int maxBytes) {
    return Optional.ofNullable(
        followed(
            container,
            path,
            tar -> {
              TarArchiveEntry first = tar.getNextTarEntry();
              if (first == null || !(first.isFile() || first.isSymbolicLink())) {
                return null;
              }
              return first.isSymbolicLink()
                  ? new Found<>(null, first.getLinkName())
                  : new Found<>(tar.readNBytes(maxBytes), null);
            }));
  }

  Optional<List<String>> listFiles(String container, String directory, int maxEntries) {
    return Optional.ofNullable(
        followed(
            container,
            directory.length() > 1 && directory.endsWith("/")
                ? directory.substring(0, directory.length() - 1)
                : directory,
            tar -> {
              TarArchiveEntry first = tar.getNextTarEntry();
              if (first == null || !(first.isDirectory() || first.isSymbolicLink())) {
                return null;
              }
              if (first.isSymbolicLink()) {
                return new Found<>(null, first.getLinkName());
              }
              String prefix =
                  first.getName().endsWith("/") ? first.getName() : first.getName() + "/";
              List<String> files = new ArrayList<>();
              int entries = 0;
              for (TarArchiveEntry e = tar.getNextTarEntry();
                  e != null;
                  e = tar.getNextTarEntry()) {
                if (++entries > maxEntries) {
                  throw new ProviderException(
                      Status.CONFLICT,
                      directory
                          + " of "
                          + container
                          + " holds more than "
                          + maxEntries
                          + " entries; not listing part of it");
                }
                if (e.isFile() && e.getName().startsWith(prefix)) {
                  files.add(e.getName().substring(prefix.length()));
                }
              }
              return new Found<>(List.copyOf(files), null);
            }));
  }

  /**
   * What {@code reader} finds in the engine's archive of {@code path}, following a link the path
   * ends in (within the container's file system, as the engine resolves every other part of it);
   * null when there is nothing there.
   */
  private <T> T followed(String container, String path, TarReader<T> reader) {
    String current = path;
    for (int hop = 0; hop <= MAX_LINKS; hop++) {
      Found<T> found = archive(container, current, reader);
      if (found == null || found.link() == null) {
        return found == null ? null : found.value();
      }
      current = resolve(current, found.link());
    }
    throw new ProviderException(
        Status.CONFLICT,
        path + " of " + container + " is behind more than " + MAX_LINKS + " links");
  }

  private <T> Found<T> archive(String container, String path, TarReader<T> reader) {
    DockerClient client = engine.unchecked();
    try (InputStream archive = client.copyArchiveFromContainerCmd(container, path).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      return reader.read(tar);
    } catch (NotFoundException e) {
      // the same answer for a missing file and a missing container: tell them apart
      try {
        client.inspectContainerCmd(container).exec();
      } catch (NotFoundException gone) {
        throw new ProviderException(
            Status.NOT_FOUND, "no container " + container + ": " + gone.getMessage(), gone);
      }
      return null;
    } catch (IOException e) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "the engine's copy of " + path + " from " + container + " could not be read: " + e,
          e);
    } catch (ProviderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "the engine did not copy "
              + path
              + " out of "
              + container
              + ": "
              + DockerEngine.rootMessage(e),
          e);
    }
  }

  /** Reads what it needs of an archive: a value, or the target of the link the archive holds. */
  private interface TarReader<T> {
    Found<T> read(TarArchiveInputStream tar) throws IOException;
  }

  static String resolve(String path, String link) {
    String joined =
        link.startsWith("/") ? link : path.substring(0, path.lastIndexOf('/') + 1) + link;
    return java.nio.file.Path.of(joined).normalize().toString();
  }

  private static String firstWord(String commandLine) {
    int space = commandLine.indexOf(' ');
    return space < 0 ? commandLine : commandLine.substring(0, space);
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private record Found<T>(T value, String link) {}
}
