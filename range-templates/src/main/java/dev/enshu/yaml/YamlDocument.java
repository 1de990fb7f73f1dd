package dev.enshu.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A parsed YAML file: its tree and, for every path in it, the line it starts on.
 *
 * <p>Paths use the form problems are reported in: {@code timeline[3].after}. The tree is plain
 * Jackson so that it can be checked against a JSON Schema before it is bound to the model.
 */
public final class YamlDocument {
  private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

  /**
   * The longest text parsed, in characters: 25 times the largest bundled scenario, and short enough
   * that no file keeps the parser busy for long (it took 11 s to reach its own limit of 3 million).
   */
  public static final int MAX_CHARS = 1 << 20;

  private final String file;
  private final JsonNode root;
  private final Map<String, Integer> lines;

  private YamlDocument(String file, JsonNode root, Map<String, Integer> lines) {
    this.file = file;
    this.root = root;
    this.lines = lines;
  }

  /**
   * Parses {@code text}; a syntax error becomes an {@link InvalidDocumentException} naming the
   * line. So does an alias ({@code *name}): the parser would read the anchor's name in its place,
   * not its value. Text longer than {@link #MAX_CHARS} is refused before it is parsed.
   */
  public static YamlDocument parse(String file, String text) {
    if (text.length() > MAX_CHARS) {
      throw new InvalidDocumentException(
          List.of(
              new Problem(
                  file,
                  1,
                  "",
                  "the file has "
                      + text.length()
                      + " characters; expected at most "
                      + MAX_CHARS
                      + " (a template or scenario is a few tens of kB)")));
    }
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new InvalidDocumentException(
            List.of(new Problem(file, 1, "", "the file is empty; expected a YAML mapping")));
      }
      if (!root.isObject()) {
        throw new InvalidDocumentException(
            List.of(
                new Problem(
                    file,
                    1,
                    "",
                    "expected a YAML mapping at the top of the file, found "
                        + root.getNodeType())));
      }
      return new YamlDocument(file, root, indexLines(file, text));
    } catch (JacksonException e) {
      throw new InvalidDocumentException(
          List.of(new Problem(file, lineOfError(e, text), "", "YAML syntax: " + summary(e))));
    }
  }

  /**
   * The line a parser error is at. Some errors, such as nesting too deep, carry no location: then
   * the line is where a parser reading the text token by token stops.
   */
  private static int lineOfError(JacksonException error, String text) {
    if (error.getLocation() != null && error.getLocation().getLineNr() > 0) {
      return error.getLocation().getLineNr();
    }
    try (JsonParser parser = MAPPER.createParser(text)) {
      try {
        while (parser.nextToken() != null) {
          // read on to the error
        }
      } catch (JacksonException e) {
        return Math.max(parser.currentLocation().getLineNr(), 1);
      }
    }
    return 1;
  }

  /** The parser's message without the excerpts of the file it quotes. */
  private static String summary(JacksonException e) {
    return e.getOriginalMessage()
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .filter(line -> !line.startsWith(" in ") && !line.startsWith("in "))
        .map(String::strip)
        .collect(java.util.stream.Collectors.joining("; "));
  }

  /** The line of every path, and of the top-level mapping under the empty path; rejects aliases. */
  private static Map<String, Integer> indexLines(String file, String text) {
    Map<String, Integer> lines = new HashMap<>();
    List<Problem> aliases = new ArrayList<>();
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token.isStructEnd()) {
          continue;
        }
        int line = parser.currentTokenLocation().getLineNr();
        TokenStreamContext context = parser.streamReadContext();
        if (token.isStructStart()) {
          context = context.getParent();
        }
        if (context == null || context.inRoot()) {
          lines.putIfAbsent("", line);
          continue;
        }
        String path = pathOf(context);
        lines.putIfAbsent(path, line);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          aliases.add(
              new Problem(
                  file,
                  line,
                  path,
                  "the alias *"
                      + parser.getString()
                      + " is not supported; write the value out instead of referring to an"
                      + " anchor"));
        }
      }
    }
    if (!aliases.isEmpty()) {
      throw new InvalidDocumentException(aliases);
    }
    return lines;
  }

  /** The path of the element a context is at: one step for it and for each of its parents. */
  private static String pathOf(TokenStreamContext context) {
    Deque<TokenStreamContext> chain = new ArrayDeque<>();
    for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    StringBuilder path = new StringBuilder();
    for (TokenStreamContext c : chain) {
      if (c.inArray()) {
        path.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
      } else if (c.currentName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(c.currentName());
      }
    }
    return path.toString();
  }

  public String file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /**
   * The line {@code path} starts on; falls back to its nearest parent, and at last to the line the
   * top-level mapping starts on.
   */
  public int lineOf(String path) {
    String probe = path;
    while (probe != null && !probe.isEmpty()) {
      Integer line = lines.get(probe);
      if (line != null) {
        return line;
      }
      probe = parentOf(probe);
    }
    return lines.getOrDefault("", 1);
  }

  static String parentOf(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  /** Turns a JSON Pointer ({@code /timeline/3/after}) into a problem path. */
  public static String pathOfPointer(String pointer) {
    StringBuilder path = new StringBuilder();
    for (String raw : pointer.split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String part = raw.replace("~1", "/").replace("~0", "~");
      if (part.chars().allMatch(Character::isDigit)) {
        path.append('[').append(part).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(part);
      }
    }
    return path.toString();
  }
}
