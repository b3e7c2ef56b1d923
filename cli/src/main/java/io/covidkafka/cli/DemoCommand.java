package io.covidkafka.cli;

import io.covidkafka.cli.demo.DemoPipeline;
import io.covidkafka.cli.demo.NextDayRows;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code covid-kafka demo}: the whole pipeline in one process. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline in this process: a Kafka broker (KRaft, embedded unless "
                + "--bootstrap-servers is given), a Connect worker with the FeedSourceConnector watching a folder, and a "
                + "local Spark job that reads typed records with format(\"covid-kafka\"), computes per-province statistics "
                + "(running totals, 7-day average with a watermark, join with population) and writes them back with "
                + "format(\"covid-kafka\"). Prints a live table until Ctrl-C or --duration."})
final class DemoCommand implements Callable<Integer> {

    /** When the next-day file is dropped: after the seed file's statistics are on screen. */
    static final Duration SAMPLE_DELAY = Duration.ofSeconds(20);

    static final String SEED_RELATIVE = "../shared/data/covid/canada/phac_covid19_2020-06-15.csv";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of the embedded broker.")
    String bootstrapServers;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 90s, 5m). Default: run until Ctrl-C.")
    Duration duration;

    @Option(names = "--refresh", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
            description = "How often the table is printed (default ${DEFAULT-VALUE}).")
    Duration refresh;

    @Option(names = "--input-dir", paramLabel = "DIR", description = "The folder the connector watches (default: a temporary one).")
    Path inputDir;

    @Option(names = "--seed-file", paramLabel = "FILE",
            description = "The first feed file put in the folder (default: the PHAC covid19.csv in " + SEED_RELATIVE + ").")
    Path seedFile;

    @Option(names = "--drop-sample", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Drop a new file with next-day rows (and one bad row) into the folder while running (default: on).")
    boolean dropSample;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path seed = seedFile != null ? seedFile : defaultSeed();
        if (!Files.isRegularFile(seed)) {
            throw new UsageException("--seed-file: no such file: " + seed);
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested = true;
            try {
                finished.await(30, TimeUnit.SECONDS); // let the main thread close everything in order
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "covid-kafka-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ScheduledExecutorService dropper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "covid-kafka-demo-dropper");
            t.setDaemon(true);
            return t;
        });
        DemoPipeline pipeline = new DemoPipeline(new DemoPipeline.Options(bootstrapServers, inputDir, seed, duration, refresh), out);
        try {
            pipeline.start();
            if (dropSample) {
                List<String> rows = NextDayRows.after(seed);
                dropper.schedule(() -> dropNextDay(pipeline, rows, out), SAMPLE_DELAY.toSeconds(), TimeUnit.SECONDS);
            }
            pipeline.runUntil(() -> stopRequested);
            return 0;
        } finally {
            dropper.shutdownNow();
            pipeline.close();
            out.println("demo stopped");
            out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is waiting for the latch we just released
            }
        }
    }

    private static void dropNextDay(DemoPipeline pipeline, List<String> rows, PrintWriter out) {
        try {
            Path file = pipeline.dropSampleFile("phac_next_day.csv", rows);
            out.printf(">> dropped %s: %d next-day rows (one of them bad) into the watched folder%n%n", file, rows.size());
            out.flush();
        } catch (Exception e) {
            out.println(">> could not drop the next-day file: " + e);
        }
    }

    private volatile boolean stopRequested;

    private static Path defaultSeed() {
        String home = System.getProperty("covidkafka.home");
        Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        return root.resolve(SEED_RELATIVE).normalize();
    }

    /** Accepts {@code 90s}, {@code 5m}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT90S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (v.startsWith("pt")) {
                    return Duration.parse(value.trim());
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 5m, 1h)");
            }
        }
    }
}
