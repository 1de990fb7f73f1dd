package dev.enshu.orchestrator.range;

import dev.enshu.scenario.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Draws a team's variables from the exercise seed. A choice or host is drawn from a permutation
 * shared by the whole exercise, so teams get different values while there are enough to go round;
 * numbers and tokens are drawn per team. The same seed always gives the same values.
 */
final class VariableDraw {
  private static final String HEX = "0123456789abcdef";
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final long seed;
  private final int team;

  VariableDraw(long seed, int team) {
    this.seed = seed;
    this.team = team;
  }

  /** One of {@code candidates}: the team's place in the exercise-wide permutation. */
  String pick(String name, List<String> candidates) {
    List<String> permutation = new ArrayList<>(candidates);
    Collections.shuffle(permutation, new Random(mix(seed, name, 0)));
    return permutation.get((team - 1) % permutation.size());
  }

  String draw(String name, Variable variable) {
    SplittableRandom random = new SplittableRandom(mix(seed, name, team));
    if (variable instanceof Variable.Number number) {
      return Integer.toString(number.min() + random.nextInt(number.max() - number.min() + 1));
    }
    if (variable instanceof Variable.Token token) {
      String alphabet = "alnum".equals(token.alphabet()) ? ALNUM : HEX;
      StringBuilder out = new StringBuilder(token.length());
      for (int i = 0; i < token.length(); i++) {
        out.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return out.toString();
    }
    if (variable instanceof Variable.Choice choice) {
      return pick(name, choice.values());
    }
    throw new IllegalArgumentException("host variables are drawn with pick: " + name);
  }

  /** A well-spread seed for one name and team; String.hashCode is fixed by the language. */
  static long mix(long seed, String name, int team) {
    long h = seed * 0x9E3779B97F4A7C15L + name.hashCode() * 0xC2B2AE3D27D4EB4FL + team;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return h;
  }
}
