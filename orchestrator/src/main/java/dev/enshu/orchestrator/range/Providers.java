package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.EnshuException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The providers this server has, by id. */
@Component
public class Providers {
  private final Map<String, RangeProvider> byId = new TreeMap<>();

  public Providers(List<RangeProvider> providers) {
    providers.forEach(p -> byId.put(p.id(), p));
  }

  public RangeProvider get(String id) {
    RangeProvider provider = byId.get(id);
    if (provider == null) {
      throw new EnshuException(
          EnshuException.Status.BAD_REQUEST,
          "no provider '" + id + "'; this server has " + byId.keySet());
    }
    return provider;
  }

  public Map<String, RangeProvider> all() {
    return Map.copyOf(byId);
  }
}
