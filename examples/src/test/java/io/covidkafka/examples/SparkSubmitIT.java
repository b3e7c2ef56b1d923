package io.covidkafka.examples;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EMR way: {@code spark-submit --jars covid-kafka-spark.jar --class ... covid-kafka-examples.jar}, in a child JVM
 * whose class path is a stock Spark 3.5 (Spark, Scala and their dependencies, but no Kafka client, no spark-sql-kafka,
 * no covid-kafka class): everything else must come from the two built jars, as on a cluster.
 */
class SparkSubmitIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    /** Class-path entries a stock Spark distribution does not have (or that are our own code). */
    private static final List<String> NOT_IN_SPARK = List.of("/io/covidkafka/", "/target/classes",
            "/target/test-classes", "/org/apache/kafka/", "spark-sql-kafka", "spark-token-provider-kafka",
            "commons-pool2", "picocli", "junit", "assertj", "opentest4j", "apiguardian", "jackson-dataformat-yaml",
            "/org/apache/kafka/connect");

    @Test
    void covidTransformRunsUnderSparkSubmitWithOnlyTheTwoJars(@TempDir Path dir) throws Exception {
        KAFKA.createTopic("topic-a", 2);
        KAFKA.createTopic("topic-b", 2);
        CsvProducer producer = Jobs.parse(new CsvProducer(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--topic", "topic-a", "--file", SharedData.file(SharedData.PHAC).toString());
        producer.out = new PrintStream(PrintStream.nullOutputStream());
        assertThat(producer.call()).isZero();

        Path datasourceJar = existing("covidkafka.datasource.jar");
        Path examplesJar = existing("covidkafka.examples.jar");
        List<String> sparkClassPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace(File.separatorChar, '/');
            if (NOT_IN_SPARK.stream().noneMatch(e::contains)) {
                sparkClassPath.add(entry);
            }
        }
        assertThat(sparkClassPath).anyMatch(e -> e.contains("spark-core_2.12"))
                .noneMatch(e -> e.contains("kafka-clients"));

        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(Arrays.asList(System.getProperty("covidkafka.spark.jvm.flags").trim().split("\\s+")));
        cmd.addAll(List.of("-cp", String.join(File.pathSeparator, sparkClassPath),
                "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.shuffle.partitions=2",
                "--jars", datasourceJar.toString(),
                "--class", "io.covidkafka.examples.CovidTopicTransform",
                examplesJar.toString(),
                "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--trigger", "available-now",
                "--checkpoint", dir.resolve("cp").toString()));
        Path log = dir.resolve("spark-submit.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("spark-submit did not finish in 180 s:\n" + tail(log));
        }
        assertThat(p.exitValue()).as("spark-submit exit code; log:\n%s", tail(log)).isZero();

        long provinceRows = PhacFeed.rows().stream().filter(r -> !"Canada".equals(r.get(PhacFeed.PROVINCE)))
                .count();
        assertThat(TestTopics.readAll(KAFKA.bootstrapServers(), "topic-b")).hasSize((int) provinceRows);
    }

    private static Path existing(String property) {
        Path p = Paths.get(System.getProperty(property, "(system property " + property + " not set)"));
        assertThat(p).as("built jar (run through Maven verify)").isRegularFile();
        return p;
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
