package io.covidkafka.spark;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import io.covidkafka.sparkapp.BothFormatsSubmitApp;
import io.covidkafka.sparkapp.SubmitSmokeApp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a small job the way a user does: {@code org.apache.spark.deploy.SparkSubmit} in a child JVM, local[2],
 * with ONLY the built (shaded) jar on {@code --jars} and Spark's own jars on the class path: no kafka-clients,
 * no spark-sql-kafka, no commons-pool2, no schema core.
 */
class SparkSubmitIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .defaultPartitions(2));

    /**
     * Class path entries that are not part of a stock Spark: what the shaded jar bundles, this project's own
     * modules, and the test-only libraries (the in-process broker and its dependencies, JUnit, AssertJ).
     */
    private static final List<String> NOT_SPARK = List.of("/target/classes", "/target/test-classes",
            "/io/covidkafka/", "/covid-kafka-", "/org/apache/kafka/", "/spark-sql-kafka-",
            "/spark-token-provider-kafka-", "/commons-pool2/", "/jackson-dataformat-csv/",
            // the broker's own dependencies
            "/com/github/ben-manes/caffeine/", "/net/sourceforge/argparse4j/", "/commons-validator/",
            "/commons-beanutils/", "/commons-digester/", "/jackson-datatype-jdk8/", "/net/sf/jopt-simple/",
            "/org/bitbucket/b_c/jose4j/", "/com/yammer/metrics/", "/scala-java8-compat_", "/scala-logging_",
            "/commons-cli/", "/org/pcollections/", "/com/google/errorprone/",
            // test libraries
            "/org/junit/", "/org/assertj/", "/org/opentest4j/", "/org/apiguardian/", "/net/bytebuddy/");

    @Test
    void sparkSubmitWithOnlyTheShadedJarReadsAndWrites(@TempDir Path dir) throws Exception {
        Path shadedJar = Paths.get(System.getProperty("covidkafka.spark.jar"));
        assertThat(shadedJar).exists();
        String in = TestTopics.unique("submit-in");
        String out = TestTopics.unique("submit-out");
        KAFKA.createTopic(in, 2);
        KAFKA.createTopic(out, 2);
        TestTopics.produce(KAFKA.bootstrapServers(), in, List.of(
                "{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\",\"Confirmed\":10}",
                "{\"Date\":\"30-09-2020\",\"Province\":\"Yukon\",\"Confirmed\":20}",
                "{\"Date\":\"2020-09-30\",\"Province\":\"Ontario\",\"Confirmed\":\"lots\"}",
                "{\"Date\":\"2020-10-01\",\"Province\":\"Nunavut\",\"Confirmed\":30}"));

        String output = submit(dir, SubmitSmokeApp.class, shadedJar.toString(), in, out);
        assertThat(output).contains("RESULT kafkaClientsVisible=false read=3 streamed=3 confirmed=60");

        List<ConsumerRecord<byte[], byte[]>> written = TestTopics.readAll(KAFKA.bootstrapServers(), out);
        assertThat(TestTopics.values(written)).containsExactlyInAnyOrder("2020-09-30,Alberta,10,,,",
                "2020-09-30,Yukon,20,,,", "2020-10-01,Nunavut,30,,,");
        // RoundRobinPartitioner (named by its original Kafka class name) spread 3 records over both partitions
        assertThat(written.stream().map(ConsumerRecord::partition).distinct().count()).isEqualTo(2);
    }

    /**
     * A job that also uses Spark's own {@code kafka} format, with spark-sql-kafka and its dependencies on
     * {@code --jars} beside ours (what {@code --packages org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.7} brings).
     * Both copies of Spark's kafka classes register their cache settings in Spark's global config registry: under
     * the same keys, whichever loads second used to fail with "Config entry ... already registered".
     */
    @Test
    void sparkSubmitWithTheShadedJarAndSparksKafkaFormatUsesBoth(@TempDir Path dir) throws Exception {
        Path shadedJar = Paths.get(System.getProperty("covidkafka.spark.jar"));
        String in = TestTopics.unique("both-in");
        String out = TestTopics.unique("both-out");
        KAFKA.createTopic(in, 2);
        KAFKA.createTopic(out, 2);
        TestTopics.produce(KAFKA.bootstrapServers(), in, List.of(
                "{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\",\"Confirmed\":10}",
                "{\"Date\":\"30-09-2020\",\"Province\":\"Yukon\",\"Confirmed\":20}",
                "{\"Date\":\"2020-09-30\",\"Province\":\"Ontario\",\"Confirmed\":\"lots\"}",
                "{\"Date\":\"2020-10-01\",\"Province\":\"Nunavut\",\"Confirmed\":30}"));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> sparkKafka = Stream.of(cp.split(File.pathSeparator))
                .filter(e -> Stream.of("/spark-sql-kafka-", "/spark-token-provider-kafka-", "/kafka-clients-",
                        "/commons-pool2-").anyMatch(n -> e.replace('\\', '/').contains(n)))
                .filter(e -> e.endsWith(".jar") && !e.endsWith("-test.jar") && !e.endsWith("-tests.jar"))
                .toList();
        assertThat(sparkKafka).hasSize(4);

        String jars = shadedJar + "," + String.join(",", sparkKafka);
        String output = submit(dir, BothFormatsSubmitApp.class, jars, in, out);
        assertThat(output).doesNotContain("already registered");
        assertThat(output).contains("RESULT typed=3 raw=4 plainStreamed=4 typedStreamed=4 confirmed=100");
    }

    /** Runs {@code app} through SparkSubmit in a child JVM; returns its output once it exited with 0. */
    private static String submit(Path dir, Class<?> app, String jars, String in, String out) throws Exception {
        Path appJar = appJar(app, dir.resolve("app.jar"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("covidkafka.spark.jvm.flags").trim().split("\\s+")));
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(sparkClassPath());
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=2",
                "--jars", jars,
                "--class", app.getName(), appJar.toString(),
                KAFKA.bootstrapServers(), in, out, dir.resolve("checkpoint").toString()));
        Path log = dir.resolve("submit.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("SPARK_HOME");
        Process p = pb.start();
        boolean done = p.waitFor(240, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("spark-submit finished; output:\n%s", tail(output)).isTrue();
        assertThat(p.exitValue()).as("spark-submit exit code; output:\n%s", tail(output)).isZero();
        return output;
    }

    /** The jars of Spark (and its dependencies) from this test's class path. */
    static String sparkClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = Stream.of(cp.split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .filter(e -> NOT_SPARK.stream().noneMatch(n -> e.replace('\\', '/').contains(n)))
                .collect(Collectors.toList());
        assertThat(kept).anyMatch(e -> e.contains("spark-sql_")).anyMatch(e -> e.contains("spark-core_"));
        return String.join(File.pathSeparator, kept);
    }

    /** The user's application jar: just the app class, as a user builds it. */
    private static Path appJar(Class<?> app, Path jar) throws IOException {
        String entry = app.getName().replace('.', '/') + ".class";
        Path classFile = Paths.get(System.getProperty("covidkafka.test.classes")).resolve(entry);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            jos.putNextEntry(new JarEntry(entry));
            jos.write(Files.readAllBytes(classFile));
            jos.closeEntry();
        }
        return jar;
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
    }
}
