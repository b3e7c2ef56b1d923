package io.covidkafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import io.covidkafka.schema.CanonicalJsonWriter;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.TypedRow;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin zip as a user installs it: unpacked into a worker's plugin.path, a stock standalone worker (its own
 * JVM, no covid-kafka class on its class path) finds the connector and the converter through their ServiceLoader
 * manifests and runs the ready configs of config/ on the real PHAC file.
 */
class PluginPackagingIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    private static final String FOLDER_PREFIX = "covid-kafka-connector-";

    @TempDir
    Path tmp;

    @Test
    void zipHoldsThePluginWithServiceManifestsAndNoKafkaOrConnectRuntimeClasses() throws Exception {
        Path zip = StandaloneWorkerProcess.pluginZip();
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().map(ZipEntry::getName).forEach(names::add);
        }
        String top = names.get(0).substring(0, names.get(0).indexOf('/') + 1);
        assertThat(top).startsWith(FOLDER_PREFIX);
        assertThat(names).allMatch(n -> n.startsWith(top)).contains(top + "manifest.json", top + "doc/README.md");
        List<String> jars = names.stream().filter(n -> n.endsWith(".jar")).toList();
        assertThat(jars).allMatch(n -> n.startsWith(top + "lib/"))
                .anyMatch(n -> n.contains("covid-kafka-connector-")).anyMatch(n -> n.contains("covid-kafka-schema-core-"))
                .noneMatch(n -> n.matches(".*/(kafka|connect|slf4j|log4j|reload4j)[^/]*\\.jar"));

        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path folder = StandaloneWorkerProcess.unzip(zip, plugins);
        List<String> runtimeClasses = new ArrayList<>();
        boolean connectorManifest = false;
        boolean converterManifest = false;
        boolean headerConverterManifest = false;
        try (Stream<Path> lib = Files.list(folder.resolve("lib"))) {
            for (Path jar : lib.toList()) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    for (var e = j.entries(); e.hasMoreElements(); ) {
                        String n = e.nextElement().getName();
                        if (n.startsWith("org/apache/kafka/") || n.startsWith("org/slf4j/") || n.startsWith("kafka/")) {
                            runtimeClasses.add(jar.getFileName() + "!" + n);
                        }
                    }
                    connectorManifest |= serviceNames(j, "org.apache.kafka.connect.source.SourceConnector")
                            .contains(FeedSourceConnector.class.getName());
                    converterManifest |= serviceNames(j, "org.apache.kafka.connect.storage.Converter")
                            .contains(CanonicalJsonConverter.class.getName());
                    headerConverterManifest |= serviceNames(j, "org.apache.kafka.connect.storage.HeaderConverter")
                            .contains(TextHeaderConverter.class.getName());
                }
            }
        }
        assertThat(runtimeClasses).as("Kafka/Connect/SLF4J classes inside the plugin").isEmpty();
        assertThat(connectorManifest).as("SourceConnector service manifest naming FeedSourceConnector").isTrue();
        assertThat(converterManifest).as("Converter service manifest naming CanonicalJsonConverter").isTrue();
        assertThat(headerConverterManifest).as("HeaderConverter service manifest naming TextHeaderConverter").isTrue();
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        assertThat(folder.getFileName().toString()).isEqualTo(FOLDER_PREFIX + manifest.get("version").asText());
        assertThat(manifest.get("component_types").toString()).contains("source");
    }

    private static String serviceNames(JarFile jar, String service) throws IOException {
        ZipEntry e = jar.getEntry("META-INF/services/" + service);
        return e == null ? "" : new String(jar.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aStockStandaloneWorkerLoadsThePluginFromPluginPathAndRunsTheReadyConfigs() throws Exception {
        List<String> workerClassPath = StandaloneWorkerProcess.workerClassPath();
        assertThat(StandaloneWorkerProcess.loadable(workerClassPath, StandaloneWorkerProcess.MAIN)).isTrue();
        for (String ours : List.of(FeedSourceConnector.class.getName(), CanonicalJsonConverter.class.getName(),
                io.covidkafka.schema.RecordSchema.class.getName())) {
            assertThat(StandaloneWorkerProcess.loadable(workerClassPath, ours)).as(ours + " on the worker's class path").isFalse();
        }
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path folder = StandaloneWorkerProcess.unzip(StandaloneWorkerProcess.pluginZip(), plugins);
        String version = folder.getFileName().toString().substring(FOLDER_PREFIX.length());

        KAFKA.createTopic("covid");
        KAFKA.createTopic("covid-rejected");
        int restPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            restPort = s.getLocalPort();
        }
        // The ready configs of config/, with only the machine-specific placeholders replaced.
        Map<String, String> worker = ConfigFilesTest.loadProperties(ConfigFilesTest.configDir().resolve("connect-standalone.properties"));
        worker.put("bootstrap.servers", KAFKA.bootstrapServers());
        worker.put("plugin.path", plugins.toString());
        worker.put("offset.storage.file.filename", tmp.resolve("offsets").toString());
        worker.put("offset.flush.interval.ms", "1000");
        worker.put("listeners", "http://127.0.0.1:" + restPort);
        Map<String, String> connector = ConfigFilesTest.resolvePaths(
                ConfigFilesTest.loadProperties(ConfigFilesTest.configDir().resolve("phac-directory.properties")));
        connector.put("poll.interval.ms", "500");
        Path workerFile = tmp.resolve("worker.properties");
        Path connectorFile = tmp.resolve("phac-directory.properties");
        StandaloneWorkerProcess.writeProperties(workerFile, worker);
        StandaloneWorkerProcess.writeProperties(connectorFile, connector);

        List<String> expected = canonicalPhacRows();
        try (StandaloneWorkerProcess w = StandaloneWorkerProcess.start(tmp, StandaloneWorkerProcess.MAIN, List.of("-Xmx512m"),
                workerFile, connectorFile)) {
            List<ConsumerRecord<byte[], byte[]>> got = consume("covid", expected.size(), 120_000, w);
            assertThat(got).as("records; worker log:\n" + w.logTail()).hasSize(expected.size());
            assertThat(got.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList()).containsExactlyElementsOf(expected);
            RecordParser defaults = RecordParser.create(ParseOptions.builder().format(FeedFormat.JSON).build());
            TypedRow row = new TypedRow(io.covidkafka.schema.RecordSchema.covid());
            assertThat(defaults.parse(got.get(0).value(), 0, got.get(0).value().length, row)).isNull();
            // origin headers as text (the ready configs set TextHeaderConverter: the bytes SimpleHeaderConverter writes)
            assertThat(new String(got.get(0).headers().lastHeader(RecordFactory.H_ORIGIN).value(), StandardCharsets.UTF_8))
                    .isEqualTo(SharedData.phac().toString());
            assertThat(new String(got.get(1).headers().lastHeader(RecordFactory.H_LINE).value(), StandardCharsets.UTF_8))
                    .isEqualTo("3");

            HttpClient http = HttpClient.newHttpClient();
            JsonNode pluginList = new ObjectMapper().readTree(get(http, restPort, "/connector-plugins?connectorsOnly=false"));
            Map<String, JsonNode> byClass = new HashMap<>();
            pluginList.forEach(p -> byClass.put(p.get("class").asText(), p));
            assertThat(byClass).containsKeys(FeedSourceConnector.class.getName(), CanonicalJsonConverter.class.getName());
            assertThat(byClass.get(FeedSourceConnector.class.getName()).get("version").asText()).isEqualTo(version);
            assertThat(byClass.get(FeedSourceConnector.class.getName()).get("type").asText()).isEqualTo("source");
            assertThat(byClass.get(CanonicalJsonConverter.class.getName()).get("type").asText()).isEqualTo("converter");
            assertThat(byClass.get(TextHeaderConverter.class.getName()).get("type").asText()).isEqualTo("header_converter");
            JsonNode status = new ObjectMapper().readTree(get(http, restPort, "/connectors/phac-directory/status"));
            assertThat(status.at("/connector/state").asText()).isEqualTo("RUNNING");
            assertThat(status.at("/tasks/0/state").asText()).isEqualTo("RUNNING");

            String log = w.logText();
            assertThat(log).as("worker log").contains("Loading plugin from: " + folder)
                    .contains("Added plugin '" + FeedSourceConnector.class.getName() + "'")
                    .contains("Added plugin '" + CanonicalJsonConverter.class.getName() + "'");
        } finally {
            // kept for a look after the run (the temp dir is deleted)
            Path log = tmp.resolve("worker.log");
            if (Files.exists(log)) {
                Files.copy(log, Path.of("target", "plugin-packaging-worker.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The PHAC file as the schema core's canonical JSON, row by row: what the topic must hold. */
    private static List<String> canonicalPhacRows() throws IOException {
        ParseOptions phac = ParseOptions.builder().mapping("phac").build();
        CanonicalJsonWriter writer = new CanonicalJsonWriter(phac.schema());
        List<String> rows = new ArrayList<>();
        try (FeedReader reader = FeedReader.open(Files.newInputStream(SharedData.phac()), phac)) {
            while (reader.next(writer)) {
                rows.add(writer.toString());
            }
        }
        return rows;
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int n, long timeoutMs, StandaloneWorkerProcess w) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long until = System.currentTimeMillis() + timeoutMs;
            while (out.size() < n && System.currentTimeMillis() < until && w.isAlive()) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // a little longer, so duplicates would be seen too
            long quietUntil = System.currentTimeMillis() + 1_000;
            while (System.currentTimeMillis() < quietUntil) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
