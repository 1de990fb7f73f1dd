package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.MachineCommand;
import dev.enshu.orchestrator.range.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The qcow2 base disk of each role's guest, built from the role's container image by {@code
 * images/libvirt/build-guest-image.sh} and cached under a hash of what it is made from (the
 * container image id, the build recipe and the kernel), like the container images are.
 */
public final class GuestImages {
  private static final String RESOURCES = "/images/libvirt/";
  private static final List<String> RECIPE = List.of("build-guest-image.sh", "enshu-vm-init");

  private final LibvirtSettings settings;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  public GuestImages(LibvirtSettings settings) {
    this.settings = settings;
  }

  /** The base disk of {@code role}, built first when missing or out of date. Blocks. */
  public Path base(String role) {
    synchronized (locks.computeIfAbsent(role, r -> new Object())) {
      String key =
          LibvirtNames.hash(containerImageId(role) + recipeText() + settings.kernelVersion());
      Path disk = settings.images().resolve(role + "-" + key.substring(0, 16) + ".qcow2");
      if (Files.exists(disk)) {
        return disk;
      }
      Path script = unpackRecipe();
      MachineCommand.run(
          List.of(
              script.toString(), role, settings.kernelVersion(), disk.toAbsolutePath().toString()),
          "build the guest disk of role '" + role + "'",
          900);
      return disk;
    }
  }

  /** Builds the base disks of {@code roles}. */
  public void build(java.util.Collection<String> roles) {
    roles.forEach(this::base);
  }

  private String containerImageId(String role) {
    return MachineCommand.run(
            List.of("docker", "image", "inspect", "-f", "{{.Id}}", "enshu/" + role + ":latest"),
            "find the container image enshu/" + role + ":latest (build it with ./enshu images)",
            30)
        .trim();
  }

  private String recipeText() {
    StringBuilder all = new StringBuilder();
    for (String name : RECIPE) {
      all.append(resource(name));
    }
    return all.toString();
  }

  private Path unpackRecipe() {
    Path dir = settings.images().resolve("recipe");
    try {
      Files.createDirectories(dir);
      for (String name : RECIPE) {
        Path target = dir.resolve(name);
        try (InputStream in = GuestImages.class.getResourceAsStream(RESOURCES + name)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().setExecutable(true);
      }
      return dir.resolve(RECIPE.get(0));
    } catch (IOException e) {
      throw new ProviderException(Status.INTERNAL, "cannot unpack the guest recipe into " + dir, e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = GuestImages.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new ProviderException(
            Status.INTERNAL, "guest recipe " + RESOURCES + name + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProviderException(Status.INTERNAL, "cannot read " + name, e);
    }
  }
}
