package dev.enshu.yaml;

import java.util.ArrayDeque;
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

/**
 * A parsed YAML file: its tree and, for every path in it, the line it starts on.
 *
 * <p>Paths use the form problems are reported in: {@code timeline[3].after}. The tree is plain
 * Jackson so that it can be checked against a JSON Schema before it is bound to the model.
 */
public final class YamlDocument {
  private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

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
   * line.
   */
  public static YamlDocument parse(String file, String text) {
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
      return new YamlDocument(file, root, indexLines(text));
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InvalidDocumentException(
          List.of(new Problem(file, Math.max(line, 0), "", "YAML syntax: " + summary(e))));
    }
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

  private static Map<String, Integer> indexLines(String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token.isStructEnd()) {
          continue;
        }
        TokenStreamContext context = parser.streamReadContext();
        if (token.isStructStart()) {
          context = context.getParent();
        }
        if (context == null || context.inRoot()) {
          continue;
        }
        lines.putIfAbsent(pathOf(context), parser.currentTokenLocation().getLineNr());
      }
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

  /** The line {@code path} starts on; falls back to its nearest parent, or 0 for the file. */
  public int lineOf(String path) {
    String probe = path;
    while (probe != null && !probe.isEmpty()) {
      Integer line = lines.get(probe);
      if (line != null) {
        return line;
      }
      probe = parentOf(probe);
    }
    return 0;
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
