package io.covidkafka.connect;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A stock Kafka Connect standalone worker ({@code org.apache.kafka.connect.cli.ConnectStandalone}) in its own JVM,
 * whose class path is this test's WITHOUT the connector and the schema core: the plugin can only come from
 * {@code plugin.path}, as on a real worker.
 */
final class StandaloneWorkerProcess implements AutoCloseable {

    static final String MAIN = "org.apache.kafka.connect.cli.ConnectStandalone";

    private final Process process;
    final Path log;

    private StandaloneWorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The zip {@code mvn package} built (failsafe passes its path). */
    static Path pluginZip() {
        String p = System.getProperty("covidkafka.plugin.zip");
        if (p == null) {
            throw new IllegalStateException("system property covidkafka.plugin.zip is not set (run through failsafe)");
        }
        return Path.of(p);
    }

    /** Unzips {@code zip} into {@code dir}; returns the plugin's top folder. */
    static Path unzip(Path zip, Path dir) throws IOException {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (top == null) {
                    top = dir.resolve(dir.relativize(target).getName(0));
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return top;
    }

    /** This JVM's class path minus every entry of this project's own modules (connector, schema core). */
    static List<String> workerClassPath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = entry.replace('\\', '/');
            boolean ours = n.contains("covid-kafka-connector") || n.contains("covid-kafka-schema-core")
                    || n.endsWith("/connector/target/classes") || n.endsWith("/schema-core/target/classes")
                    || n.endsWith("/connector/target/test-classes");
            if (!ours && !entry.isBlank()) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Whether {@code className} can be loaded from {@code classPath} alone (JDK classes aside). */
    static boolean loadable(List<String> classPath, String className) {
        URL[] urls = classPath.stream().map(p -> {
            try {
                return Path.of(p).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(URL[]::new);
        try (URLClassLoader l = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            l.loadClass(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeProperties(Path file, Map<String, String> props) throws IOException {
        Properties p = new Properties();
        p.putAll(props);
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
    }

    /**
     * Starts {@code main} (ConnectStandalone or a wrapper taking the same arguments) with the worker and connector
     * property files, the given JVM options, and Kafka's plugin loading logged at INFO into {@code dir/worker.log}.
     */
    static StandaloneWorkerProcess start(Path dir, String main, List<String> jvmOptions, Path workerProps,
            Path... connectorProps) throws IOException {
        Path log4j = dir.resolve("worker-log4j2.xml");
        Files.writeString(log4j, """
                <Configuration status="WARN">
                  <Appenders><Console name="out" target="SYSTEM_OUT"><PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n"/></Console></Appenders>
                  <Loggers>
                    <Logger name="org.apache.kafka.connect.runtime.isolation" level="INFO"/>
                    <Logger name="io.covidkafka" level="INFO"/>
                    <Root level="WARN"><AppenderRef ref="out"/></Root>
                  </Loggers>
                </Configuration>
                """);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dlog4j2.configurationFile=" + log4j);
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, workerClassPath()));
        cmd.add(main);
        cmd.add(workerProps.toString());
        for (Path c : connectorProps) {
            cmd.add(c.toString());
        }
        Path log = dir.resolve("worker.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new StandaloneWorkerProcess(p, log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The last lines of the worker's log, for failure messages. */
    String logTail() {
        String t = logText();
        return t.length() > 6000 ? "..." + t.substring(t.length() - 6000) : t;
    }

    /** SIGTERM (the worker's shutdown hook stops it cleanly), then a kill if it hangs. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    int waitFor(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            return Integer.MIN_VALUE;
        }
        return process.exitValue();
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
