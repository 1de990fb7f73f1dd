package dev.enshu.orchestrator;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.context.annotation.Configuration;

/**
 * DESIGN.md and STYLE.md as rules over the server's classes: features depend on each other one way
 * only, as DESIGN.md's package table says; time comes from the injected clock, and thread pools
 * that live as long as the server are beans Spring closes. The command line ({@code cli}) measures
 * wall time and runs its own pools for one run, so it is left out.
 */
@AnalyzeClasses(
    packages = "dev.enshu.orchestrator",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String CLI = "dev.enshu.orchestrator.cli..";

  /** The {@code java.time} types whose {@code now(...)} reads the wall clock unless given one. */
  private static final Set<String> DATE_TIME_TYPES =
      Set.of(
          "java.time.Instant",
          "java.time.LocalDate",
          "java.time.LocalDateTime",
          "java.time.LocalTime",
          "java.time.OffsetDateTime",
          "java.time.OffsetTime",
          "java.time.ZonedDateTime",
          "java.time.Year",
          "java.time.YearMonth",
          "java.time.MonthDay");

  /**
   * Pools that belong to one call, not to the server: made, used and shut down in a {@code finally}
   * within one method, so nothing outlives the call. Each with the reason.
   */
  private static final Map<String, String> ONE_CALL_POOLS =
      Map.of(
          "dev.enshu.orchestrator.range.docker.DockerProvisioner",
          "waits for one range's hosts to become ready; shut down before provision returns",
          "dev.enshu.orchestrator.range.docker.DockerInventory",
          "removes one range's containers in parallel; shut down before destroy returns");

  private static final DescribedPredicate<JavaAccess<?>> READ_THE_WALL_CLOCK =
      describe(
          "read the wall clock (Instant.now(), System.currentTimeMillis(), Clock.systemUTC(),"
              + " LocalDateTime.now(), ...)",
          access -> {
            AccessTarget target = access.getTarget();
            String owner = target.getOwner().getName();
            String name = target.getName();
            if (owner.equals("java.lang.System")) {
              return name.equals("currentTimeMillis");
            }
            if (owner.equals(Clock.class.getName())) {
              return name.equals("systemUTC")
                  || name.equals("systemDefaultZone")
                  || name.equals("system");
            }
            if (owner.equals("java.util.Date")) {
              return name.equals(JavaConstructor.CONSTRUCTOR_NAME) && parameterCount(target) == 0;
            }
            return DATE_TIME_TYPES.contains(owner) && name.equals("now") && !takesAClock(target);
          });

  private static final DescribedPredicate<JavaAccess<?>> MAKE_A_THREAD_POOL =
      describe(
          "make a thread pool (Executors.new...(), new ThreadPoolExecutor(...),"
              + " new ForkJoinPool(...))",
          access -> {
            AccessTarget target = access.getTarget();
            JavaClass owner = target.getOwner();
            if (owner.isEquivalentTo(Executors.class)) {
              return target.getName().startsWith("new");
            }
            return target.getName().equals(JavaConstructor.CONSTRUCTOR_NAME)
                && (owner.isAssignableTo(ThreadPoolExecutor.class)
                    || owner.isAssignableTo(ForkJoinPool.class));
          });

  private static final DescribedPredicate<JavaClass> ONE_CALL_POOL_OWNERS =
      describe(
          "own a pool for one call only " + ONE_CALL_POOLS.keySet(),
          c -> ONE_CALL_POOLS.containsKey(c.getName()));

  @ArchTest
  static final ArchRule timeComesFromTheClockBean =
      noClasses()
          .that()
          .doNotBelongToAnyOf(EnshuApplication.class)
          .and()
          .resideOutsideOfPackage(CLI)
          .should()
          .accessTargetWhere(READ_THE_WALL_CLOCK)
          .because(
              "the server takes time only from the Clock bean EnshuApplication defines, so that"
                  + " tests can drive it (STYLE.md: time is injected); inject java.time.Clock and"
                  + " call clock.instant() or Instant.now(clock)");

  @ArchTest
  static final ArchRule serverPoolsAreBeansSpringCloses =
      noClasses()
          .that()
          .areNotMetaAnnotatedWith(Configuration.class)
          .and()
          .resideOutsideOfPackage(CLI)
          .and(not(ONE_CALL_POOL_OWNERS))
          .should()
          .accessTargetWhere(MAKE_A_THREAD_POOL)
          .because(
              "a pool that lives as long as the server is a bean of a @Configuration class"
                  + " (WorkerPools, ConsoleConfiguration) that names its threads and shuts it down"
                  + " when the context closes; inject it with @Qualifier. A pool for one call only"
                  + " is shut down in a finally block and listed with its reason in"
                  + " ArchitectureTest.ONE_CALL_POOLS");

  // DESIGN.md's package table and "Data flows one way", as dependency rules between features.

  private static final String BASE = "dev.enshu.orchestrator.";
  private static final String JOURNAL = BASE + "journal..";
  private static final String CONSOLE = BASE + "console..";
  private static final String COURSE = BASE + "course..";
  private static final String RANGE_SPI = BASE + "range";
  private static final String DOCKER = BASE + "range.docker..";
  private static final String LIBVIRT = BASE + "range.libvirt..";
  private static final String MEMORY = BASE + "range.memory..";

  /** The one package that turns configuration into providers. */
  private static final String ENGINE_WIRING = BASE + "range.engines..";

  private static final String[] FEATURES_BUT_JOURNAL = {
    BASE + "access..",
    BASE + "backup..",
    BASE + "checks..",
    CLI,
    CONSOLE,
    COURSE,
    BASE + "exercise..",
    BASE + "range..",
    BASE + "scoring..",
    BASE + "timeline.."
  };

  @ArchTest
  static final ArchRule featuresAreFreeOfCycles =
      slices()
          .matching(BASE + "(*)..")
          .namingSlices("feature $1")
          .should()
          .beFreeOfCycles()
          .because(
              "DESIGN.md: data flows one way, and nothing reaches back up the chain; a feature"
                  + " that needs an answer from one that depends on it defines the question as an"
                  + " interface and the other answers it");

  @ArchTest
  static final ArchRule theApplicationPackageDependsOnNoFeature =
      noClasses()
          .that()
          .resideInAPackage("dev.enshu.orchestrator")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(BASE + "*..")
          .because(
              "the top package holds what every feature shares (the application, its errors,"
                  + " its pools); it builds on none of them, so no cycle runs through it");

  @ArchTest
  static final ArchRule journalDependsOnNoFeature =
      noClasses()
          .that()
          .resideInAPackage(JOURNAL)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FEATURES_BUT_JOURNAL)
          .because(
              "DESIGN.md: the journal is what every feature writes to and the UI reads; who may"
                  + " read which event is a question the journal asks (JournalReaders) and access"
                  + " answers");

  @ArchTest
  static final ArchRule rangeSpiDoesNotDependOnItsImplementations =
      noClasses()
          .that()
          .resideInAPackage(RANGE_SPI)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DOCKER, LIBVIRT, MEMORY)
          .because(
              "DESIGN.md: range owns the RangeProvider SPI; the Docker, libvirt and in-memory"
                  + " providers implement it, and the SPI knows none of them");

  @ArchTest static final ArchRule onlyTheWiringReachesDocker = onlyTheWiringReaches(DOCKER);

  @ArchTest static final ArchRule onlyTheWiringReachesLibvirt = onlyTheWiringReaches(LIBVIRT);

  @ArchTest static final ArchRule onlyTheWiringReachesMemory = onlyTheWiringReaches(MEMORY);

  @ArchTest
  static final ArchRule nothingButTheCommandLineDependsOnCourse =
      noClasses()
          .that()
          .resideOutsideOfPackages(COURSE, CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(COURSE)
          .because(
              "DESIGN.md: course holds read-only views that bring several features together for"
                  + " one page; it reads the features, and no feature builds on a page's view");

  @ArchTest
  static final ArchRule nothingDependsOnTheCommandLine =
      noClasses()
          .that()
          .resideOutsideOfPackage(CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(CLI)
          .because(
              "DESIGN.md: cli is the enshu command, the outermost user of every feature; the"
                  + " program's entry point (cli.Enshu) lives in it");

  @ArchTest
  static final ArchRule noFeatureDependsOnTheConsole =
      noClasses()
          .that()
          .resideOutsideOfPackages(CONSOLE, CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(CONSOLE)
          .because(
              "DESIGN.md: the console gateway is an end of the chain: it relays what the"
                  + " providers' ConsoleEndpoint offers and writes sessions to the journal; only"
                  + " the command line's console bench drives it");

  /**
   * Only the engines' wiring (and the command line, which builds providers for its benches, the
   * demo and the censuses) names an engine's classes; everything else uses the SPI.
   */
  private static ArchRule onlyTheWiringReaches(String engine) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(engine, ENGINE_WIRING, CLI)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(engine)
        .because(
            "DESIGN.md: providers are picked by configuration behind the RangeProvider SPI; one"
                + " wiring package builds them (range.engines), and the range, the console and"
                + " every other feature reach hosts through the SPI only");
  }

  private static int parameterCount(AccessTarget target) {
    return target instanceof AccessTarget.CodeUnitAccessTarget unit
        ? unit.getRawParameterTypes().size()
        : -1;
  }

  private static boolean takesAClock(AccessTarget target) {
    return target instanceof AccessTarget.CodeUnitAccessTarget unit
        && unit.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(Clock.class));
  }
}
