package io.covidkafka.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.covidkafka.connect.FeedSourceConnector;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.TypedRow;
import io.covidkafka.schema.RecordSchema;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * No Docker engine runs on the build machines, so the demo stack is checked statically: the compose file and the
 * Dockerfiles are parsed and every reference in them (images, files, ports, dependencies, topics, the connector
 * config) is checked against the repository, the Maven outputs and the connector's own ConfigDef.
 */
class DockerComposeTest {

    /** Files the connector branch adds under config/; until main has them, the checks that read them are skipped. */
    static final String WORKER_PROPERTIES = "config/connect-distributed.properties";
    static final String CONNECTOR_JSON = "config/phac-directory.json";

    private static final Pattern VAR_WITH_DEFAULT = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

    static Path repo;
    static Path docker;
    static JsonNode services;
    static String version;

    @BeforeAll
    static void parse() throws Exception {
        repo = SharedData.repoRoot();
        docker = repo.resolve("docker");
        services = new YAMLMapper().readTree(docker.resolve("docker-compose.yml").toFile()).get("services");
        version = System.getProperty("covidkafka.project.version");
        assertThat(version).as("project version passed by surefire").isNotBlank();
    }

    @Test
    void theStackHasItsServices() {
        Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "kafka-topics", "feed-seed", "connect", "connect-init",
                "producer", "spark");
    }

    @Test
    void everyImageIsPinnedAndEveryBuiltImageCarriesTheProjectVersion() throws Exception {
        for (Map.Entry<String, JsonNode> s : each(services)) {
            String image = text(s.getValue(), "image");
            assertThat(image).as("service %s names its image", s.getKey()).isNotNull();
            assertPinned(image, "service " + s.getKey());
            if (s.getValue().has("build")) {
                assertThat(image).as("built image of %s", s.getKey()).endsWith(":" + version);
                Path dockerfile = dockerfileOf(s.getValue());
                for (String from : fromImages(dockerfile)) {
                    assertPinned(from, dockerfile.toString());
                }
            }
        }
    }

    @Test
    void everyFileCopiedIntoAnImageExistsOrIsAMavenOutputNamedByItsModule() throws Exception {
        Set<Path> dockerfiles = new HashSet<>();
        for (Map.Entry<String, JsonNode> s : each(services)) {
            if (s.getValue().has("build")) {
                assertThat(text(s.getValue().get("build"), "context")).isEqualTo("..");
                dockerfiles.add(dockerfileOf(s.getValue()));
            }
        }
        assertThat(dockerfiles).hasSize(2);
        for (Path dockerfile : dockerfiles) {
            String argVersion = argDefault(dockerfile, "VERSION");
            assertThat(argVersion).as("ARG VERSION of %s", dockerfile).isEqualTo(version);
            List<String> allowed = dockerignoreAllowList(dockerfile);
            for (String src : copySources(dockerfile)) {
                String path = src.replace("${VERSION}", version);
                if (path.contains("/target/")) {
                    String module = path.substring(0, path.indexOf("/target/"));
                    String file = path.substring(path.lastIndexOf('/') + 1);
                    assertThat(file).as("Maven output copied by %s", dockerfile)
                            .isEqualTo(artifactId(repo.resolve(module).resolve("pom.xml")) + "-" + version
                                    + (file.endsWith(".zip") ? ".zip" : ".jar"));
                } else {
                    assertThat(repo.resolve(path)).as("copied by %s", dockerfile).exists();
                }
                assertThat(allowed).as("%s lets %s into the build context", dockerfile.getFileName()
                        + ".dockerignore", path).anyMatch(glob -> matches(glob, path));
            }
        }
    }

    @Test
    void everyMountedFileExists() {
        List<String> pending = new ArrayList<>();
        for (Map.Entry<String, JsonNode> s : each(services)) {
            for (JsonNode v : iterable(s.getValue().get("volumes"))) {
                String source = resolveDefaults(v.asText()).split(":")[0];
                if (!source.startsWith(".")) {
                    continue; // a named volume
                }
                Path p = docker.resolve(source).normalize();
                String inRepo = repo.relativize(p).toString().replace('\\', '/');
                if (!Files.exists(p) && (inRepo.equals(WORKER_PROPERTIES) || inRepo.equals(CONNECTOR_JSON))) {
                    pending.add(inRepo);
                    continue;
                }
                assertThat(p).as("mounted by service %s", s.getKey()).exists();
            }
        }
        assertThat(pending).as("only the connector branch's config files may be pending")
                .allMatch(f -> f.startsWith("config/"));
        assumeTrue(pending.isEmpty(), "mounted files come with branch connector (merge main): " + pending);
    }

    @Test
    void portsAreThoseTheListenersAdvertise() throws Exception {
        Set<String> hostPorts = new HashSet<>();
        for (Map.Entry<String, JsonNode> s : each(services)) {
            for (JsonNode p : iterable(s.getValue().get("ports"))) {
                assertThat(hostPorts.add(p.asText().split(":")[0])).as("host port %s used once", p.asText()).isTrue();
            }
        }
        assertThat(hostPorts).containsExactlyInAnyOrder("9094", "8083");
        JsonNode kafka = services.get("kafka").get("environment");
        assertThat(kafka.get("KAFKA_LISTENERS").asText()).contains("HOST://:9094", "PLAINTEXT://:9092");
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS").asText())
                .contains("HOST://localhost:9094", "PLAINTEXT://kafka:9092");
        assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText()).isEqualTo("1@kafka:9093");
        assertThat(Files.readString(docker.resolve("connect/start-worker.sh"))).contains("listeners=http://0.0.0.0:8083");
        assertThat(services.get("connect-init").get("environment").get("CONNECT_URL").asText())
                .isEqualTo("http://connect:8083");
        // every container reaches the broker by its internal listener
        for (String s : List.of("producer", "spark")) {
            assertThat(argAfter(s, "--bootstrap-servers")).isEqualTo("kafka:9092");
        }
    }

    @Test
    void dependenciesWaitForHealthchecksAndOneShotServices() {
        for (Map.Entry<String, JsonNode> s : each(services)) {
            for (Map.Entry<String, JsonNode> d : each(s.getValue().get("depends_on"))) {
                JsonNode target = services.get(d.getKey());
                assertThat(target).as("%s depends on a service that exists: %s", s.getKey(), d.getKey()).isNotNull();
                String condition = d.getValue().get("condition").asText();
                if (condition.equals("service_healthy")) {
                    assertThat(target.has("healthcheck")).as("%s has a healthcheck", d.getKey()).isTrue();
                } else {
                    assertThat(condition).isEqualTo("service_completed_successfully");
                    assertThat(text(target, "restart")).as("%s runs once", d.getKey()).isEqualTo("no");
                }
            }
        }
        assertThat(services.get("connect-init").get("depends_on").has("connect")).isTrue();
        assertThat(services.get("spark").get("depends_on").has("kafka-topics")).isTrue();
    }

    @Test
    void topicsAgreeBetweenConnectorProducerAndSparkJob() throws Exception {
        Path json = repo.resolve(CONNECTOR_JSON);
        assumeTrue(Files.isRegularFile(json), CONNECTOR_JSON + " comes with branch connector (merge main)");
        JsonNode config = connectorConfig(Files.readString(json));
        String raw = config.get("topic").asText();
        String created = services.get("kafka-topics").get("command").get(0).asText();
        assertThat(argAfter("producer", "--topic")).isEqualTo(raw);
        assertThat(argAfter("spark", "--input-topic")).isEqualTo(raw);
        assertThat(created).contains(" " + raw + " ", " " + argAfter("spark", "--output-topic") + ";");
        if (config.has("row.errors.topic")) {
            assertThat(created).contains(" " + config.get("row.errors.topic").asText() + " ");
        }
        assertThat(argAfter("spark", "--class")).isEqualTo(ProvinceWindows.class.getName());
        assertThat(argAfter("producer", "--class")).isEqualTo(CsvProducer.class.getName());
        // the file the seed service drops into the inbox is one the connector's input.pattern picks up
        String seeded = Path.of(services.get("feed-seed").get("command").get(1).asText()).getFileName().toString();
        String pattern = config.has("input.pattern") ? config.get("input.pattern").asText()
                : "*.{csv,json,csv.gz,json.gz}";
        assertThat(FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(seeded)))
                .as("%s matches input.pattern %s", seeded, pattern).isTrue();
    }

    @Test
    void theProducerReadsItsFeedWithItsMappingWithoutRejections() throws Exception {
        Path dir = docker.resolve(resolveDefaults(services.get("producer").get("volumes").get(0).asText())
                .split(":")[0]).normalize();
        Path feed = dir.resolve(Path.of(argAfter("producer", "--file")).getFileName());
        String mapping = argAfter("producer", "--mapping");
        assertThat(mapping).isEqualTo(CsvProducerConsumerIT.CCODWG_MAPPING);
        ParseOptions options = ParseOptions.builder().mapping(mapping).build();
        long accepted = 0;
        try (InputStream in = Files.newInputStream(feed); FeedReader reader = FeedReader.open(in, options)) {
            TypedRow row = new TypedRow(RecordSchema.covid());
            while (reader.next(row)) {
                assertThat(reader.rejection()).as("line %d", reader.recordLine()).isNull();
                accepted++;
            }
        }
        assertThat(accepted).isGreaterThan(10_000);
        // and the seed service copies a file that is there
        String seeded = services.get("feed-seed").get("command").get(1).asText();
        assertThat(dir.resolve(Path.of(seeded).getFileName())).isRegularFile();
    }

    @Test
    void shellScriptsParse() throws Exception {
        for (String script : List.of("connect/start-worker.sh", "connect/register-connector.sh")) {
            Process p = new ProcessBuilder("sh", "-n", docker.resolve(script).toString()).redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("sh -n %s: %s", script,
                    new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }
    }

    @Test
    void connectorJsonIsValidForTheConnectorsConfigDef(@TempDir Path inbox) throws Exception {
        Path json = repo.resolve(CONNECTOR_JSON);
        assumeTrue(Files.isRegularFile(json), CONNECTOR_JSON + " comes with branch connector (merge main)");
        assertThat(services.get("connect-init").get("environment").get("INPUT_PATH").asText())
                .isEqualTo("/data/inbox");
        assertThat(services.get("connect").get("volumes").toString()).contains("inbox:/data/inbox");
        // what register-connector.sh sends: input.path replaced (here by a directory that exists, as /data/inbox
        // does in the container, because validation checks that the directory exists)
        String body = Files.readString(json).replaceAll("\"input\\.path\"\\s*:\\s*\"[^\"]*\"",
                Matcher.quoteReplacement("\"input.path\": " + quoted(inbox.toString())));
        JsonNode config = connectorConfig(body);
        assertThat(config.get("input.path").asText()).isEqualTo(inbox.toString());
        assertThat(config.get("connector.class").asText()).isIn(FeedSourceConnector.class.getName(),
                FeedSourceConnector.class.getSimpleName());
        Map<String, String> props = new HashMap<>();
        ((ObjectNode) config).fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        List<String> errors = new ArrayList<>();
        for (ConfigValue v : new FeedSourceConnector().validate(props).configValues()) {
            v.errorMessages().forEach(m -> errors.add(v.name() + ": " + m));
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void workerPropertiesAreADistributedWorker() throws Exception {
        Path file = repo.resolve(WORKER_PROPERTIES);
        assumeTrue(Files.isRegularFile(file), WORKER_PROPERTIES + " comes with branch connector (merge main)");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        assertThat(p.stringPropertyNames()).contains("group.id", "config.storage.topic", "offset.storage.topic",
                "status.storage.topic", "key.converter", "value.converter");
    }

    // ---- helpers ----

    /** The config map of a connector JSON in either REST form. */
    private static JsonNode connectorConfig(String json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json);
        return root.has("config") ? root.get("config") : root;
    }

    private static void assertPinned(String image, String where) {
        String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
        assertThat(afterRegistry).as("image %s in %s has a tag", image, where).contains(":");
        String tag = afterRegistry.substring(afterRegistry.indexOf(':') + 1);
        assertThat(tag).as("image %s in %s", image, where).isNotBlank().isNotEqualToIgnoringCase("latest")
                .matches(".*\\d.*");
    }

    private static Path dockerfileOf(JsonNode service) {
        JsonNode build = service.get("build");
        return docker.resolve(build.get("context").asText()).resolve(build.get("dockerfile").asText()).normalize();
    }

    private static List<String> fromImages(Path dockerfile) throws Exception {
        List<String> out = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        for (String line : Files.readAllLines(dockerfile)) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equalsIgnoreCase("FROM")) {
                if (!stages.contains(w[1])) {
                    out.add(w[1]);
                }
                if (w.length >= 4 && w[2].equalsIgnoreCase("AS")) {
                    stages.add(w[3]);
                }
            }
        }
        assertThat(out).as("FROM lines of %s", dockerfile).isNotEmpty();
        return out;
    }

    private static List<String> copySources(Path dockerfile) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile)) {
            String[] w = line.trim().split("\\s+");
            if ((w[0].equalsIgnoreCase("COPY") || w[0].equalsIgnoreCase("ADD")) && !w[1].startsWith("--from")) {
                for (int i = 1; i < w.length - 1; i++) {
                    out.add(w[i]);
                }
            }
        }
        assertThat(out).as("COPY lines of %s", dockerfile).isNotEmpty();
        return out;
    }

    private static String argDefault(Path dockerfile, String name) throws Exception {
        for (String line : Files.readAllLines(dockerfile)) {
            String t = line.trim();
            if (t.startsWith("ARG " + name + "=")) {
                return t.substring(("ARG " + name + "=").length());
            }
        }
        return null;
    }

    private static List<String> dockerignoreAllowList(Path dockerfile) throws Exception {
        Path ignore = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        assertThat(ignore).exists();
        List<String> lines = Files.readAllLines(ignore).stream().map(String::trim).filter(l -> !l.startsWith("#"))
                .filter(l -> !l.isEmpty()).toList();
        assertThat(lines.get(0)).as("%s starts by excluding everything", ignore).isEqualTo("*");
        return lines.stream().filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
    }

    private static boolean matches(String glob, String path) {
        return glob.equals(path) || FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path));
    }

    private static String artifactId(Path pom) throws Exception {
        String xml = Files.readString(pom);
        String afterParent = xml.substring(xml.indexOf("</parent>"));
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(afterParent);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String argAfter(String service, String option) {
        List<String> args = new ArrayList<>();
        services.get(service).get("command").forEach(n -> args.add(n.asText()));
        int i = args.indexOf(option);
        assertThat(i).as("%s passes %s", service, option).isGreaterThanOrEqualTo(0);
        return args.get(i + 1);
    }

    private static String resolveDefaults(String s) {
        Matcher m = VAR_WITH_DEFAULT.matcher(s);
        return m.replaceAll(r -> Matcher.quoteReplacement(System.getenv().getOrDefault(r.group(1), r.group(2))));
    }

    private static String text(JsonNode n, String field) {
        return n != null && n.has(field) ? n.get(field).asText() : null;
    }

    private static String quoted(String s) throws Exception {
        return new ObjectMapper().writeValueAsString(s);
    }

    private static Iterable<Map.Entry<String, JsonNode>> each(JsonNode n) {
        if (n == null) {
            return List.of();
        }
        return n::fields;
    }

    private static Iterable<JsonNode> iterable(JsonNode n) {
        if (n == null) {
            return List.of();
        }
        return () -> (Iterator<JsonNode>) n.elements();
    }
}
