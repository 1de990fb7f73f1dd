package dev.enshu.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of the hosts a template really has: a host with a count above one becomes numbered hosts
 * ({@code pc-soumu-1}, {@code pc-soumu-2}); otherwise its id stays as it is.
 */
public final class HostNames {
  private HostNames() {}

  /** The ids of the hosts {@code host} stands for, in order. */
  public static List<String> of(Host host) {
    int count = host.countOrOne();
    if (count == 1) {
      return List.of(host.id());
    }
    List<String> ids = new ArrayList<>(count);
    for (int n = 1; n <= count; n++) {
      ids.add(host.id() + "-" + n);
    }
    return List.copyOf(ids);
  }

  /** Every host id of the template, in order. */
  public static List<String> all(RangeTemplate template) {
    return template.hosts().stream().flatMap(h -> of(h).stream()).toList();
  }
}
