package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.enshu.template.Localized;

/**
 * A probe of a range host on a schedule. A response check earns its points once, when it first
 * passes; a service check earns points for every interval it passes.
 *
 * <p>A check either <em>observes</em> the host from outside, through the engine ({@link Observe}:
 * the engine's process list, its copy of a file), <em>probes</em> it over the network from a hidden
 * checker host ({@link Probe}), or <em>runs</em> a shell command inside the host. An observation or
 * a probe cannot be faked from inside the host and puts nothing on the host's command lines; a
 * command runs where the trainee is root, so the trainee can watch its arguments and replace the
 * programs it calls. Exactly one of {@code run}, {@code observe} and {@code probe} is given.
 */
public record Check(
    @JsonProperty(required = true) String id,
    @JsonProperty(required = true) Kind kind,
    @JsonProperty(required = true) Localized title,
    @JsonProperty(required = true) @JsonPropertyDescription("Host it probes") String host,
    @JsonPropertyDescription(
            "Shell command run inside the host, where a trainee can watch and fake it; or give"
                + " observe")
        String run,
    @JsonPropertyDescription("What the engine observes of the host from outside it; or give run")
        Observe observe,
    @JsonPropertyDescription(
            "What a hidden checker host in a segment sees of the host over the network; or give"
                + " run or observe")
        Probe probe,
    @JsonPropertyDescription("When a run passes (run only)") Pass pass,
    @JsonProperty(required = true) @JsonPropertyDescription("Points once, or per interval")
        int points,
    @JsonProperty(required = true) @JsonPropertyDescription("How often it runs") Span every,
    @JsonPropertyDescription("Inject after which it starts running") String after,
    @JsonPropertyDescription("Extra points for passing within a time of its start") Bonus bonus) {

  /** Response checks reward an action once; service checks reward uptime. */
  public enum Kind {
    RESPONSE("response"),
    SERVICE("service");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }

  /** When a run passes: its exit code, and optionally text its output contains. */
  public record Pass(Integer exitCode, String outputContains) {}

  /**
   * An observation made by the engine from outside the host: exactly one of {@code processes},
   * {@code file} and {@code files}. Text fields may use the scenario's variables; they are compared
   * by the orchestrator and never sent into the host (a path is sent to the engine).
   */
  public record Observe(
      @JsonPropertyDescription("The engine's list of the host's processes") Processes processes,
      @JsonPropertyDescription("A file of the host, copied out by the engine") FileState file,
      @JsonPropertyDescription("The files below a directory of the host, listed by the engine")
          FileTree files) {}

  /**
   * Passes when the directory {@code under} exists and no regular file below it has a name that
   * matches {@code noneNamed}, a pattern in which {@code *} stands for any text and {@code ?} for
   * one character.
   */
  public record FileTree(
      @JsonProperty(required = true) @JsonPropertyDescription("Absolute path of a directory")
          String under,
      @JsonProperty(required = true)
          @JsonPropertyDescription("File name pattern no file below it may match (* and ?)")
          String noneNamed) {}

  /**
   * Passes when no process ({@code absent}) or at least one process ({@code present}) has the name:
   * its executable name, the base name of its command, or of the script an interpreter runs.
   */
  public record Processes(
      @JsonPropertyDescription("Passes when no process has this name") String absent,
      @JsonPropertyDescription("Passes when some process has this name") String present) {}

  /**
   * Passes when the file can be read and everything given holds: it {@code contains} the text and
   * {@code lacks} the other, as text anywhere in the file or, with {@code wholeLine}, as a whole
   * line (spaces around it ignored); as a list of domains, one a line, {@code #} for comments (as
   * squid's {@code dstdomain} files and dnsmasq lists are), it {@code coversDomain}: a line names
   * the domain, or {@code .parent} for it or a parent domain, in any case of letters.
   */
  public record FileState(
      @JsonProperty(required = true) @JsonPropertyDescription("Absolute path in the host")
          String path,
      @JsonPropertyDescription("Text the file must contain") String contains,
      @JsonPropertyDescription("Text the file must not contain") String lacks,
      @JsonPropertyDescription("Domain a line of this domain list must cover") String coversDomain,
      @JsonPropertyDescription("Compare whole lines instead of text anywhere") Boolean wholeLine) {}

  /**
   * A probe of the check's host over the network, made from the range's checker host in segment
   * {@code from}: a host the provider adds to the segment that is in no topology, offers no console
   * and answers nothing. Exactly one of {@code tcp}, {@code http} and {@code disabled}:
   *
   * <ul>
   *   <li>{@code tcp}: a TCP connection to the port opens ({@code expect: open}, the default) or
   *       cannot be opened ({@code expect: closed}); with {@code banner}, the first line the
   *       service sends starts with that text;
   *   <li>{@code http}: an HTTP GET of {@code path} (default {@code /}) on the port, with the
   *       host's name, answers 2xx or 3xx;
   *   <li>{@code disabled}: the host is a domain controller whose directory, read by LDAP, holds
   *       this account and marks it disabled. The query lists every user and names none, so the
   *       host sees no answer in it.
   * </ul>
   *
   * The host is reached at its address on {@code from} when it has one, else at its first address.
   */
  public record Probe(
      @JsonProperty(required = true)
          @JsonPropertyDescription("Segment whose hidden checker host makes the probe")
          String from,
      @JsonPropertyDescription("TCP port that is open or closed") Integer tcp,
      @JsonPropertyDescription("For tcp: open (default) or closed") String expect,
      @JsonPropertyDescription("For tcp: text the service's first line starts with") String banner,
      @JsonPropertyDescription("Port of an HTTP GET that must answer 2xx or 3xx") Integer http,
      @JsonPropertyDescription("For http: path, default /") String path,
      @JsonPropertyDescription("Account the host's directory (LDAP) must hold, disabled")
          String disabled) {

    public boolean expectsClosed() {
      return "closed".equals(expect);
    }
  }

  /** Extra points for passing within {@code within} of the check's start. */
  public record Bonus(
      @JsonProperty(required = true) Span within, @JsonProperty(required = true) int points) {}
}
