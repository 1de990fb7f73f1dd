package dev.enshu.yaml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Breaks a good YAML file in the ways people and tools break files: lines lost, doubled or swapped,
 * a file cut short, stray characters, a value of the wrong kind, aliases that expand exponentially,
 * deep nesting, bytes that are not UTF-8. Every step is drawn from the given {@link Random}, so the
 * same seed gives the same file.
 */
public final class Mutations {
  /** Characters that mean something to YAML, or to a reader of text, or to nothing at all. */
  private static final String SPECIAL =
      "\t\u0000\r\n:-{}[]&*!|>'\"%@`#,?\\ \u0085\u2028\uFEFF\u00a0\u007f\u0007~$";

  /** A value after {@code key: }, up to the end of its line or of its flow collection entry. */
  private static final Pattern VALUE = Pattern.compile("(?<=: )[^\\n,{}\\[\\]#]+");

  /** Values of every kind and none, put in place of any value. */
  private static final List<String> VALUES =
      List.of(
          "0",
          "-1",
          "65536",
          "2147483647",
          "2147483648",
          "-2147483649",
          "9223372036854775807",
          "99999999999999999999999",
          "1e309",
          "-.inf",
          ".nan",
          "0x1F",
          "3.5",
          "true",
          "null",
          "~",
          "\"\"",
          "[]",
          "{}",
          "[a, b]",
          "{x: 1}",
          "[{}]",
          "[[]]",
          "0.0.0.0/0",
          "0.0.0.0/1",
          "10.0.0.0/8",
          "10.0.0.0/33",
          "10.0.0.1/24",
          "10.0.0.0/-1",
          "10.0.0.0/",
          "255.255.255.255",
          "999.1.1.1",
          "10.0.0",
          " 10.0.0.1",
          "0s",
          "99999999999999999999h",
          "2562047788015215h",
          "5000000000000000000s",
          "${x}",
          "${}",
          "${victim.a.b}",
          "\"${\"",
          "*nowhere",
          "&anchor value",
          "!!binary AAAA",
          "!!str 1",
          "!!float x",
          "!custom x",
          "2025-01-01",
          "|\n  block",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"unterminated",
          "a: b: c",
          "- - x",
          "? x",
          "@x",
          "`x");

  /** Values of one kind each, put in place of a value of that kind to get past the schema. */
  private static final List<String> SPANS =
      List.of(
          "0s",
          "1s",
          "9s",
          "100000h",
          "2562047788015215h",
          "2562047788015216h",
          "99999999999999999999h",
          "1h99999999999999999m");

  private static final List<String> NETWORKS =
      List.of(
          "0.0.0.0/0",
          "0.0.0.0/1",
          "10.0.0.0/8",
          "10.0.0.0/16",
          "10.0.0.0/30",
          "10.0.0.0/32",
          "10.0.0.0/33",
          "10.0.0.1/24",
          "255.255.255.255/32");
  private static final List<String> ADDRESSES =
      List.of(
          "0.0.0.0",
          "0.0.0.2",
          "10.0.0.1",
          "10.0.0.255",
          "11.0.0.5",
          "127.255.255.254",
          "255.255.255.200",
          "255.255.255.255",
          "999.1.1.1",
          "01.2.3.4",
          "1.2.3");
  private static final List<String> NUMBERS =
      List.of(
          "0",
          "-1",
          "1",
          "8",
          "9",
          "10",
          "50",
          "51",
          "100",
          "101",
          "65535",
          "65536",
          "2147483647",
          "2147483648",
          "-2147483648");

  private Mutations() {}

  /**
   * A mutated file and the steps that made it, for the message of a failing try. A class, not a
   * record: a record would compare its byte array by identity.
   */
  public static final class Mutant {
    private final byte[] bytes;
    private final List<String> steps;

    Mutant(byte[] bytes, List<String> steps) {
      this.bytes = bytes;
      this.steps = steps;
    }

    public byte[] bytes() {
      return bytes;
    }

    public List<String> steps() {
      return steps;
    }

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** One to three random steps applied to {@code original}. */
  public static Mutant mutate(String original, Random random) {
    List<String> steps = new ArrayList<>();
    String text = original;
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      text = textStep(text, random, steps);
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(8) == 0) {
      bytes = byteStep(bytes, random, steps);
    }
    return new Mutant(bytes, List.copyOf(steps));
  }

  private static String textStep(String text, Random random, List<String> steps) {
    return switch (random.nextInt(17)) {
      case 0 -> deleteLine(text, random, steps);
      case 1 -> duplicateLine(text, random, steps);
      case 2 -> swapLines(text, random, steps);
      case 3 -> reindentLine(text, random, steps);
      case 4 -> insertCharacters(text, random, steps);
      case 5 -> replaceCharacter(text, random, steps);
      case 6, 7 -> replaceValue(text, random, steps, pick(VALUES, random));
      case 8 -> replaceValue(text, random, steps, otherValue(text, random));
      case 9 -> replaceValue(text, random, steps, hugeValue(random));
      case 10 -> replaceValue(text, random, steps, deepValue(random));
      case 11 -> laughs(text, random, steps);
      case 12 -> deepBlock(text, random, steps);
      case 13, 14, 15 -> replaceTyped(text, random, steps);
      default -> wholeFile(text, random, steps);
    };
  }

  private static String deleteLine(String text, Random random, List<String> steps) {
    List<String> lines = lines(text);
    int at = random.nextInt(lines.size());
    steps.add("delete line " + (at + 1));
    lines.remove(at);
    return String.join("\n", lines);
  }

  private static String duplicateLine(String text, Random random, List<String> steps) {
    List<String> lines = lines(text);
    int at = random.nextInt(lines.size());
    steps.add("duplicate line " + (at + 1));
    lines.add(at, lines.get(at));
    return String.join("\n", lines);
  }

  private static String swapLines(String text, Random random, List<String> steps) {
    List<String> lines = lines(text);
    int a = random.nextInt(lines.size());
    int b = random.nextInt(lines.size());
    steps.add("swap lines " + (a + 1) + " and " + (b + 1));
    String line = lines.get(a);
    lines.set(a, lines.get(b));
    lines.set(b, line);
    return String.join("\n", lines);
  }

  private static String reindentLine(String text, Random random, List<String> steps) {
    List<String> lines = lines(text);
    int at = random.nextInt(lines.size());
    String line = lines.get(at);
    String changed =
        random.nextBoolean()
            ? " ".repeat(1 + random.nextInt(4)) + line
            : line.replaceFirst("^ {1,2}", random.nextBoolean() ? "" : "\t");
    steps.add("re-indent line " + (at + 1));
    lines.set(at, changed);
    return String.join("\n", lines);
  }

  private static String insertCharacters(String text, Random random, List<String> steps) {
    int at = random.nextInt(text.length() + 1);
    StringBuilder inserted = new StringBuilder();
    for (int n = 1 + random.nextInt(5); n > 0; n--) {
      inserted.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
    }
    steps.add("insert " + quote(inserted) + " at char " + at);
    return text.substring(0, at) + inserted + text.substring(at);
  }

  private static String replaceCharacter(String text, Random random, List<String> steps) {
    if (text.isEmpty()) {
      return text;
    }
    int at = random.nextInt(text.length());
    char with =
        random.nextBoolean()
            ? SPECIAL.charAt(random.nextInt(SPECIAL.length()))
            : (char) random.nextInt(0x3000);
    steps.add("replace char " + at + " with " + quote(String.valueOf(with)));
    return text.substring(0, at) + with + text.substring(at + 1);
  }

  private static String replaceValue(String text, Random random, List<String> steps, String value) {
    List<int[]> values = values(text);
    if (values.isEmpty()) {
      return text;
    }
    int[] span = values.get(random.nextInt(values.size()));
    steps.add(
        "replace the value at line "
            + lineAt(text, span[0])
            + " with "
            + quote(
                value.length() > 40
                    ? value.substring(0, 40) + "... (" + value.length() + ")"
                    : value));
    return text.substring(0, span[0]) + value + text.substring(span[1]);
  }

  /**
   * A value replaced by one of its own kind that the rules must catch: a time too long to count, a
   * network of the whole internet, a port past 65535. These get past the schema to the validators.
   */
  private static String replaceTyped(String text, Random random, List<String> steps) {
    List<int[]> values = values(text);
    if (values.isEmpty()) {
      return text;
    }
    int[] span = values.get(random.nextInt(values.size()));
    String old = text.substring(span[0], span[1]).strip();
    List<String> kind;
    if (old.matches("\\d+[hms].*")) {
      kind = SPANS;
    } else if (old.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
      kind = NETWORKS;
    } else if (old.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
      kind = ADDRESSES;
    } else if (old.matches("-?\\d+")) {
      kind = NUMBERS;
    } else {
      kind = List.of("any", "UPPER", "a b", "-x", "x".repeat(64), "''", "\"${x}\"", "/", "/../x");
    }
    String value = pick(kind, random);
    steps.add("replace '" + old + "' at line " + lineAt(text, span[0]) + " with '" + value + "'");
    return text.substring(0, span[0]) + value + text.substring(span[1]);
  }

  /** A value found elsewhere in the file: an id or a reference of the wrong place. */
  private static String otherValue(String text, Random random) {
    List<int[]> values = values(text);
    if (values.isEmpty()) {
      return "x";
    }
    int[] span = values.get(random.nextInt(values.size()));
    return text.substring(span[0], span[1]);
  }

  private static String hugeValue(Random random) {
    if (random.nextInt(12) == 0) {
      return "x".repeat(YamlDocument.MAX_CHARS + 1);
    }
    String unit = pick(List.of("x", "ab ", "漢字", "${x}", "- ", "\\\""), random);
    return unit.repeat(1 + random.nextInt(50_000 / unit.length()));
  }

  private static String deepValue(Random random) {
    int depth = 50 + random.nextInt(2_000);
    return switch (random.nextInt(3)) {
      case 0 -> "[".repeat(depth) + "]".repeat(depth);
      case 1 -> "{a: ".repeat(depth) + "1" + "}".repeat(depth);
      default -> "[".repeat(depth);
    };
  }

  /** The billion laughs: ten anchors, each a list of nine aliases to the one before. */
  private static String laughs(String text, Random random, List<String> steps) {
    StringBuilder out =
        new StringBuilder("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      out.append("lol").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        out.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      out.append("]\n");
    }
    steps.add("add the billion laughs");
    String alias = "*l" + random.nextInt(10);
    return replaceValue(
        random.nextBoolean() ? out + text : text + "\n" + out, random, steps, alias);
  }

  /** Mappings nested by indentation, hundreds deep, at the start of a random line. */
  private static String deepBlock(String text, Random random, List<String> steps) {
    List<String> lines = lines(text);
    int at = random.nextInt(lines.size());
    int depth = 50 + random.nextInt(700);
    List<String> block = new ArrayList<>();
    for (int d = 0; d < depth; d++) {
      block.add(" ".repeat(d) + (random.nextBoolean() ? "a:" : "- a:"));
    }
    steps.add("insert mappings " + depth + " deep at line " + (at + 1));
    lines.addAll(at, block);
    return String.join("\n", lines);
  }

  private static String wholeFile(String text, Random random, List<String> steps) {
    int kind = random.nextInt(8);
    steps.add("whole file #" + kind);
    return switch (kind) {
      case 0 -> "";
      case 1 -> " \n\t\n";
      case 2 -> "# only a comment\n";
      case 3 -> "\uFEFF" + text;
      case 4 -> text.replace("\n", "\r\n");
      case 5 -> "---\n" + text + "\n---\n" + text;
      case 6 -> "%YAML 1.2\n---\n" + text + "\n...\n";
      default -> "- " + text.replace("\n", "\n  ");
    };
  }

  private static byte[] byteStep(byte[] bytes, Random random, List<String> steps) {
    if (random.nextBoolean()) {
      int at = random.nextInt(bytes.length + 1);
      steps.add("cut at byte " + at);
      return Arrays.copyOf(bytes, at);
    }
    byte[][] invalid = {
      {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0x80}, {(byte) 0xE3, (byte) 0x81}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80}
    };
    byte[] insert = invalid[random.nextInt(invalid.length)];
    int at = random.nextInt(bytes.length + 1);
    steps.add("insert invalid UTF-8 " + Arrays.toString(insert) + " at byte " + at);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(insert);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  private static List<int[]> values(String text) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = VALUE.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    return spans;
  }

  private static List<String> lines(String text) {
    return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
  }

  private static int lineAt(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  private static String quote(CharSequence text) {
    StringBuilder out = new StringBuilder("'");
    text.chars()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || (c > 0x7e && c < 0xa0) || c == 0x2028 || c == 0xfeff) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.append('\'').toString();
  }
}
