package io.covidkafka.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads connector settings from a worker {@code .properties} file or a Connect REST {@code .json} body
 * ({@code {"name": .., "config": {..}}}, or a bare config object), so a feed can be checked with the very
 * settings it will be deployed with.
 */
final class ConnectorConfigFile {

    private ConnectorConfigFile() {
    }

    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--config: no such file " + file);
        }
        try {
            return file.getFileName().toString().toLowerCase().endsWith(".json") ? readJson(file) : readProperties(file);
        } catch (IOException e) {
            throw new UsageException("--config: cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    private static Map<String, String> readJson(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageException("--config: " + file + " is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode config = root != null && root.has("config") ? root.get("config") : root;
        if (config == null || !config.isObject()) {
            throw new UsageException("--config: " + file + " must hold a JSON object, or {\"name\":..,\"config\":{..}}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
        }
        return out;
    }
}
