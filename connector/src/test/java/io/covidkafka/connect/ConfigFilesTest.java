package io.covidkafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

/**
 * Every ready config in the repository's {@code config/} folder: connector configs (properties and REST JSON) pass
 * the connector's own validation with relative paths resolved against the repository root, use no unknown key,
 * and each .properties file has a .json twin with the same settings; worker configs parse as Connect worker configs.
 */
class ConfigFilesTest {

    private static final Set<String> CONVERTER_PREFIXES = Set.of("key.converter", "value.converter", "header.converter");

    static Path configDir() {
        return SharedData.repoRoot().resolve("config");
    }

    static Map<String, String> loadProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** A REST body {@code {"name": ..., "config": {...}}} as one flat map, the name under {@code name}. */
    static Map<String, String> loadRestJson(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.fieldNames()).toIterable().as(file + " top-level keys").containsExactlyInAnyOrder("name", "config");
        Map<String, String> m = new TreeMap<>(new ObjectMapper().convertValue(root.get("config"), new TypeReference<Map<String, String>>() { }));
        m.put("name", root.get("name").asText());
        return m;
    }

    /** The connector configs of config/ (every file but the worker configs), by file name. */
    static Map<String, Map<String, String>> connectorConfigs() throws IOException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(configDir())) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("connect-")) {
                    continue;
                }
                if (n.endsWith(".properties")) {
                    out.put(n, loadProperties(f));
                } else if (n.endsWith(".json")) {
                    out.put(n, loadRestJson(f));
                }
            }
        }
        return out;
    }

    /** Relative paths in the ready configs are relative to the repository root (where the worker is started). */
    static Map<String, String> resolvePaths(Map<String, String> config) {
        Map<String, String> m = new HashMap<>(config);
        for (String k : List.of(FeedSourceConfig.INPUT_PATH_CONFIG, FeedSourceConfig.FINISHED_PATH_CONFIG)) {
            String v = m.get(k);
            if (v != null && !v.isBlank() && !Path.of(v).isAbsolute()) {
                m.put(k, SharedData.repoRoot().resolve(v).normalize().toString());
            }
        }
        return m;
    }

    @Test
    void everyConnectorConfigValidatesWithoutErrors() throws Exception {
        Map<String, Map<String, String>> configs = connectorConfigs();
        assertThat(configs.keySet()).contains("phac-directory.properties", "phac-directory.json", "phac-url.properties", "phac-url.json");
        for (var e : configs.entrySet()) {
            Map<String, String> props = resolvePaths(e.getValue());
            assertThat(props.get("connector.class")).as(e.getKey()).isEqualTo(FeedSourceConnector.class.getName());
            List<String> errors = new ArrayList<>();
            for (ConfigValue v : new FeedSourceConnector().validate(props).configValues()) {
                v.errorMessages().forEach(m -> errors.add(v.name() + ": " + m));
            }
            assertThat(errors).as(e.getKey() + " validation errors").isEmpty();
            FeedSourceConfig parsed = new FeedSourceConfig(props);
            assertThat(parsed.inputPath == null ? parsed.inputUrls : List.of(parsed.inputPath)).as(e.getKey()).isNotEmpty();
        }
    }

    @Test
    void connectorConfigsUseOnlyKnownKeysAndTheirConvertersAcceptTheirSettings() throws Exception {
        Set<String> framework = SourceConnectorConfig.configDef().names();
        Set<String> ours = FeedSourceConfig.CONFIG_DEF.names();
        for (var e : connectorConfigs().entrySet()) {
            Map<String, String> props = e.getValue();
            Map<String, Map<String, String>> converterSettings = new HashMap<>();
            for (String key : props.keySet()) {
                String prefix = CONVERTER_PREFIXES.stream().filter(p -> key.startsWith(p + ".")).findFirst().orElse(null);
                if (prefix != null) {
                    converterSettings.computeIfAbsent(prefix, p -> new HashMap<>()).put(key.substring(prefix.length() + 1), props.get(key));
                } else {
                    assertThat(ours.contains(key) || framework.contains(key)).as(e.getKey() + ": unknown key '" + key + "'").isTrue();
                }
            }
            for (var c : converterSettings.entrySet()) {
                String className = props.get(c.getKey());
                assertThat(className).as(e.getKey() + ": " + c.getKey() + " settings without the converter").isNotNull();
                Converter converter = (Converter) Class.forName(className).getDeclaredConstructor().newInstance();
                assertThat(converter.config().names()).as(e.getKey() + " " + c.getKey() + " settings").containsAll(c.getValue().keySet());
                converter.configure(c.getValue(), c.getKey().equals("key.converter"));
            }
        }
    }

    @Test
    void propertiesAndRestJsonTwinsHoldTheSameSettings() throws Exception {
        Map<String, Map<String, String>> configs = connectorConfigs();
        for (String name : configs.keySet()) {
            if (name.endsWith(".properties")) {
                String twin = name.replace(".properties", ".json");
                assertThat(configs).as("REST twin of " + name).containsKey(twin);
                assertThat(configs.get(twin)).as(twin + " vs " + name).isEqualTo(configs.get(name));
            }
        }
    }

    @Test
    void workerConfigsParseAndTheDistributedOneEnablesExactlyOnce() throws Exception {
        Map<String, String> standalone = loadProperties(configDir().resolve("connect-standalone.properties"));
        assertKnownKeys("connect-standalone.properties", standalone, new StandaloneConfig(standalone));
        Map<String, String> distributed = loadProperties(configDir().resolve("connect-distributed.properties"));
        DistributedConfig d = new DistributedConfig(distributed);
        assertKnownKeys("connect-distributed.properties", distributed, d);
        assertThat(d.exactlyOnceSourceEnabled()).isTrue();
        assertThat(standalone.get("plugin.path")).isEqualTo(distributed.get("plugin.path"));
    }

    private static void assertKnownKeys(String file, Map<String, String> props, WorkerConfig parsed) {
        for (String key : props.keySet()) {
            boolean converterSetting = CONVERTER_PREFIXES.stream().anyMatch(p -> key.startsWith(p + "."));
            // producer.* configures the producers of source tasks: the rest must be a producer setting
            boolean producerSetting = key.startsWith("producer.")
                    && org.apache.kafka.clients.producer.ProducerConfig.configNames().contains(key.substring("producer.".length()));
            assertThat(converterSetting || producerSetting || parsed.values().containsKey(key))
                    .as(file + ": unknown key '" + key + "'").isTrue();
        }
    }
}
