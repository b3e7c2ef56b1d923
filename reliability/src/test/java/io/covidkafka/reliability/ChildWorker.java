package io.covidkafka.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A distributed Connect worker in its own JVM ({@code ConnectDistributed} on this test's classpath), so it can be
 * killed the hard way: {@link #kill()} is SIGKILL, no shutdown hook, no flush, no transaction abort. Every start
 * uses the same REST port and worker properties, like an operator restarting the process.
 */
final class ChildWorker implements AutoCloseable {

    private final Path dir;
    private final Path properties;
    private final Path log;
    private final int port;
    private Process process;
    private int starts;

    ChildWorker(Path dir, Map<String, String> workerProps) {
        this.dir = dir;
        this.port = Integer.parseInt(workerProps.get("listeners").replaceAll(".*:", ""));
        this.properties = dir.resolve("worker.properties");
        this.log = dir.resolve("worker.log");
        try {
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.putAll(workerProps);
            try (Writer w = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
                p.store(w, "child Connect worker of the reliability suite");
            }
            Files.writeString(dir.resolve("log4j2.xml"), LOG4J, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConnectRest rest() {
        return new ConnectRest(URI.create("http://127.0.0.1:" + port));
    }

    /** Starts the JVM and returns once its REST API answers. */
    ChildWorker start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j.configurationFile=" + dir.resolve("log4j2.xml"),
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.connect.cli.ConnectDistributed", properties.toString()));
        try {
            starts++;
            Files.writeString(log, "---- start " + starts + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rest().awaitUp(Duration.ofSeconds(90));
        return this;
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM: the worker's shutdown hook stops its tasks cleanly. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static final String LOG4J = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Configuration status="WARN">
              <Appenders>
                <Console name="console" target="SYSTEM_OUT">
                  <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1.} - %msg%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <Logger name="io.covidkafka" level="INFO"/>
                <Logger name="org.apache.kafka.connect.runtime.Worker" level="INFO"/>
                <Logger name="org.apache.kafka.connect.runtime.distributed.DistributedHerder" level="INFO"/>
                <Root level="WARN">
                  <AppenderRef ref="console"/>
                </Root>
              </Loggers>
            </Configuration>
            """;
}
