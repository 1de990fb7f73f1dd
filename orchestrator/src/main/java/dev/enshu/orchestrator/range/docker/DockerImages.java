package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.template.HostRole;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Builds the range images locally: the Debian base with debootstrap, then {@code common} and one
 * image per host role from the recipes under {@code images/docker/} on the class path. An image is
 * rebuilt only when its recipe (or the image below it) changed: each carries the hash of what it
 * was built from in the label {@code enshu.recipe}. Nothing is pulled from a registry.
 */
public final class DockerImages {
  public static final String BASE = "enshu/base:bookworm";
  static final String RECIPE_LABEL = "enshu.recipe";
  private static final String RECIPES = "images/docker/";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

  private final DockerEngine engine;

  public DockerImages(DockerEngine engine) {
    this.engine = engine;
  }

  /** The image a host of {@code role} runs. */
  public static String imageOf(String role) {
    return "enshu/" + role + ":latest";
  }

  /**
   * The image a host of {@code role} runs: its role's, and for a checker host the attacker's, whose
   * tools (curl, nc, ldapsearch) are what probes use.
   */
  public static String imageOfHost(HostRole role) {
    return imageOf((role == HostRole.CHECKER ? HostRole.ATTACKER : role).id());
  }

  /** The roles that have an image of their own: all but the checker, which runs the attacker's. */
  private static List<HostRole> imageRoles() {
    return Arrays.stream(HostRole.values()).filter(r -> r != HostRole.CHECKER).toList();
  }

  /** What happened to one image. */
  public record Outcome(String image, boolean built, Duration took, String recipe) {}

  /** Builds whatever is missing or out of date, base first; returns what it did per image. */
  public List<Outcome> buildAll() {
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(ensureBase());
    Outcome common = build("common", imageId(BASE));
    outcomes.add(common);
    String commonId = imageId(imageOf("common"));
    for (HostRole role : imageRoles()) {
      outcomes.add(build(role.id(), commonId));
    }
    return outcomes;
  }

  /** Whether every role image is present and current, without building anything. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (!exists(BASE)) {
      return List.of(BASE);
    }
    String baseId = imageId(BASE);
    if (!current("common", baseId)) {
      missing.add(imageOf("common"));
      return missing;
    }
    String commonId = imageId(imageOf("common"));
    for (HostRole role : imageRoles()) {
      if (!current(role.id(), commonId)) {
        missing.add(imageOf(role.id()));
      }
    }
    return missing;
  }

  private boolean current(String name, String parentId) {
    InspectImageResponse image = inspect(imageOf(name));
    return image != null && recipeHash(name, parentId).equals(label(image));
  }

  private Outcome ensureBase() {
    long start = System.nanoTime();
    if (exists(BASE)) {
      return new Outcome(BASE, false, since(start), "debootstrap");
    }
    Path script = extract("build-base-image.sh");
    try {
      Process process =
          new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new ProviderException(
            Status.INTERNAL, "building the base image " + BASE + " failed: " + tail(output, 15));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Status.INTERNAL, "interrupted while building " + BASE);
    } finally {
      script.toFile().delete();
    }
    return new Outcome(BASE, true, since(start), "debootstrap");
  }

  private Outcome build(String name, String parentId) {
    long start = System.nanoTime();
    String tag = imageOf(name);
    String hash = recipeHash(name, parentId);
    InspectImageResponse existing = inspect(tag);
    if (existing != null && hash.equals(label(existing))) {
      return new Outcome(tag, false, since(start), hash);
    }
    StringBuilder log = new StringBuilder();
    try (InputStream context = new ByteArrayInputStream(tar(recipe(name)))) {
      engine
          .client()
          .buildImageCmd(context)
          .withTags(Set.of(tag))
          .withLabels(Map.of(RECIPE_LABEL, hash, "enshu.managed", "true"))
          .withPull(false)
          .withRemove(true)
          .withForcerm(true)
          .exec(
              new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                  if (item.getStream() != null) {
                    log.append(item.getStream());
                  }
                  if (item.getErrorDetail() != null) {
                    log.append(item.getErrorDetail().getMessage()).append('\n');
                  }
                  super.onNext(item);
                }
              })
          .awaitImageId(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new ProviderException(
          Status.INTERNAL,
          "building image " + tag + " failed: " + e.getMessage() + "\n" + tail(log.toString(), 20),
          e);
    }
    return new Outcome(tag, true, since(start), hash);
  }

  /** The files of a recipe by relative path, read from the class path. */
  static Map<String, byte[]> recipe(String name) {
    String prefix = RECIPES + name + "/";
    Map<String, byte[]> files = new TreeMap<>();
    try {
      Resource[] resources =
          new PathMatchingResourcePatternResolver().getResources("classpath*:" + prefix + "**");
      for (Resource resource : resources) {
        if (!resource.isReadable() || resource.getURL().toString().endsWith("/")) {
          continue;
        }
        String url = resource.getURL().toString();
        String relative = url.substring(url.lastIndexOf(prefix) + prefix.length());
        try (InputStream in = resource.getInputStream()) {
          files.put(relative, in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!files.containsKey("Dockerfile")) {
      throw new ProviderException(
          Status.INTERNAL, "no image recipe " + prefix + "Dockerfile on the class path");
    }
    return files;
  }

  /** What an image is built from: its files and the image it builds on. */
  static String recipeHash(String name, String parentId) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(parentId.getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> file : recipe(name).entrySet()) {
        digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.getValue());
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] tar(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(file.getValue().length);
        // class-path resources lose their modes; scripts in the recipes must stay executable
        entry.setMode(0100755);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private Path extract(String resource) {
    try (InputStream in = DockerImages.class.getResourceAsStream("/" + RECIPES + resource)) {
      if (in == null) {
        throw new ProviderException(
            Status.INTERNAL, "missing from the build: " + RECIPES + resource);
      }
      Path file =
          Files.createTempFile(
              "enshu-",
              "-" + resource,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.write(file, in.readAllBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean exists(String tag) {
    return inspect(tag) != null;
  }

  private String imageId(String tag) {
    InspectImageResponse image = inspect(tag);
    if (image == null) {
      throw new ProviderException(Status.INTERNAL, "image " + tag + " is missing after its build");
    }
    return image.getId();
  }

  private InspectImageResponse inspect(String tag) {
    try {
      return engine.client().inspectImageCmd(tag).exec();
    } catch (NotFoundException e) {
      return null;
    }
  }

  private static String label(InspectImageResponse image) {
    if (image.getConfig() == null || image.getConfig().getLabels() == null) {
      return null;
    }
    return image.getConfig().getLabels().get(RECIPE_LABEL);
  }

  static String tail(String text, int lines) {
    Deque<String> last = new ArrayDeque<>();
    text.lines()
        .forEach(
            line -> {
              last.addLast(line);
              if (last.size() > lines) {
                last.removeFirst();
              }
            });
    return String.join("\n", last);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
