package io.covidkafka.spark;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inspects the jar {@code mvn package} builds (the one users put on {@code --jars}): our provider is registered,
 * nothing in it can clash with Spark's jars or another kafka-clients / spark-sql-kafka / commons-pool2 / Jackson,
 * and no class refers to an unrelocated copy of what it bundles.
 */
class ShadedJarIT {

    /** Class names (as in class files) of what the jar bundles, before relocation. */
    private static final Pattern UNRELOCATED = Pattern.compile(
            "^\\[*L?(org/apache/kafka/|org/apache/commons/pool2/|com/fasterxml/jackson/|org/apache/spark/sql/kafka010/"
                    + "|org/apache/spark/kafka010/).*");

    static Path jar;
    static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        jar = Paths.get(System.getProperty("covidkafka.spark.jar"));
        try (JarFile jf = new JarFile(jar.toFile())) {
            entries = jf.stream().map(JarEntry::getName).collect(Collectors.toList());
        }
    }

    @Test
    void registersExactlyTheCovidKafkaProvider() throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            String services = read(jf, "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister");
            assertThat(services.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")))
                    .containsExactly(CovidKafkaProvider.class.getName());
            // no second "kafka" format, no second Kafka delegation-token provider next to Spark's real ones
            assertThat(entries).doesNotContain("META-INF/services/org.apache.spark.security.HadoopDelegationTokenProvider");
            // every service the jar declares points at a class inside the jar
            for (String e : entries) {
                if (e.startsWith("META-INF/services/") && !e.endsWith("/")) {
                    for (String impl : read(jf, e).lines().map(String::trim)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
                        assertThat(entries).as("service %s -> %s", e, impl)
                                .contains(impl.replace('.', '/') + ".class");
                    }
                }
            }
        }
        assertThat(entries).contains("io/covidkafka/spark/CovidKafkaProvider.class",
                "io/covidkafka/schema/RecordParser.class");
    }

    @Test
    void everyClassIsOursOrRelocatedUnderOurPackage() {
        List<String> classes = entries.stream().filter(e -> e.endsWith(".class")).toList();
        assertThat(classes).hasSizeGreaterThan(1000); // kafka-clients and spark-sql-kafka are inside
        assertThat(classes).allMatch(c -> c.startsWith("io/covidkafka/"), "under io/covidkafka/");
        assertThat(classes).anyMatch(c -> c.startsWith("io/covidkafka/shaded/kafka/clients/producer/"))
                .anyMatch(c -> c.startsWith("io/covidkafka/shaded/spark/sql/kafka010/"))
                .anyMatch(c -> c.startsWith("io/covidkafka/shaded/pool2/"))
                .anyMatch(c -> c.startsWith("io/covidkafka/shaded/jackson/"));
        assertThat(classes).noneMatch(c -> c.startsWith("org/apache/spark/"));
    }

    @Test
    void noClassOfTheJarIsAlsoInSparksJars() throws IOException {
        Set<String> ours = entries.stream().filter(e -> e.endsWith(".class")).collect(Collectors.toSet());
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> sparkJars = Stream.of(SparkSubmitIT.sparkClassPath().split(File.pathSeparator)).toList();
        assertThat(cp).isNotEmpty();
        List<String> clashes = new ArrayList<>();
        for (String s : sparkJars) {
            try (JarFile jf = new JarFile(s)) {
                jf.stream().map(JarEntry::getName).filter(ours::contains).limit(3)
                        .forEach(n -> clashes.add(s + "!" + n));
            }
        }
        assertThat(sparkJars).hasSizeGreaterThan(50);
        assertThat(clashes).isEmpty();
    }

    @Test
    void noClassReferencesAnUnrelocatedBundledClass() throws IOException {
        Set<String> offenders = new HashSet<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : jf.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                byte[] bytes;
                try (InputStream in = jf.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                for (String constant : utf8Constants(bytes)) {
                    if (UNRELOCATED.matcher(constant).matches() && !constant.contains(" ")) {
                        offenders.add(e.getName() + " -> " + constant);
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    /**
     * Our copy of spark-sql-kafka registers its cache settings in Spark's global config registry; under Spark's
     * own keys a JVM that also loads the real {@code kafka} format failed on whichever registered second.
     */
    @Test
    void bundledSparkKafkaSettingsAreRenamedAwayFromSparksOwn() throws IOException {
        Set<String> keys = new HashSet<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : jf.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                try (InputStream in = jf.getInputStream(e)) {
                    for (String constant : utf8Constants(in.readAllBytes())) {
                        if (constant.startsWith("spark/kafka/") || constant.startsWith("spark/covidkafka/")) {
                            keys.add(constant.replace('/', '.'));
                        }
                    }
                }
            }
        }
        // spark.kafka.clusters.* (delegation tokens) is read by prefix, never registered: both copies share it
        assertThat(keys).filteredOn(k -> k.startsWith("spark.kafka.")).containsExactly("spark.kafka.clusters.");
        assertThat(keys).contains("spark.covidkafka.producer.cache.timeout", "spark.covidkafka.consumer.cache.capacity",
                "spark.covidkafka.consumer.fetchedData.cache.timeout");
    }

    /** The CONSTANT_Utf8 entries of a class file (class names, descriptors, string literals). */
    static List<String> utf8Constants(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> out.add(in.readUTF().replace('.', '/'));
                case 3, 4 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // long and double take two slots
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 15 -> in.skipBytes(3);
                default -> throw new IOException("unknown constant tag " + tag);
            }
        }
        return out;
    }

    private static String read(JarFile jf, String name) throws IOException {
        JarEntry e = jf.getJarEntry(name);
        assertThat(e).as(name).isNotNull();
        try (InputStream in = jf.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
