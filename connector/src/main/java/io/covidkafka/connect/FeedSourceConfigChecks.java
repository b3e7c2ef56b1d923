package io.covidkafka.connect;

import static io.covidkafka.connect.FeedSourceConfig.*;

import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.FieldMapping;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.SchemaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The connector's cross-field rules in one place (a directory or URLs, a schema the mapping, formats, key and
 * timestamp fields fit, dead-letter and cleanup settings that go together), and the schema core's parse options
 * built from a config. Used by {@link FeedSourceConfig} (a bad config fails the connector with every problem) and
 * by the worker's REST validate (each problem on the setting at fault).
 */
final class FeedSourceConfigChecks {

    private FeedSourceConfigChecks() {
    }

    /**
     * Validates single values with the ConfigDef, then the cross-field rules, adding each error to the
     * ConfigValue of the setting at fault so the worker's REST validate names it.
     */
    static Config validateAll(Map<String, String> props) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue v : CONFIG_DEF.validate(props)) {
            values.put(v.name(), v);
        }
        boolean singleValuesOk = values.values().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (singleValuesOk) {
            AbstractConfig parsed = new AbstractConfig(CONFIG_DEF, props, false);
            List<String> ignored = new ArrayList<>();
            crossCheck(parsed, ignored, values);
        }
        return new Config(new ArrayList<>(values.values()));
    }

    /** The cross-field rules. Errors go to {@code values} (by key) when given, else to {@code problems}. */
    static void crossCheck(AbstractConfig c, List<String> problems, Map<String, ConfigValue> values) {
        Reporter r = (key, msg) -> {
            if (values != null && values.containsKey(key)) {
                values.get(key).addErrorMessage(msg);
            } else {
                problems.add(key + ": " + msg);
            }
        };
        String dir = c.getString(INPUT_PATH_CONFIG);
        List<String> urls = c.getList(INPUT_URLS_CONFIG);
        if (dir.isBlank() && urls.isEmpty()) {
            r.add(INPUT_PATH_CONFIG, "set input.path (a directory) or input.urls (HTTP feeds), or both");
        }
        if (!dir.isBlank() && !Files.isDirectory(Path.of(dir))) {
            r.add(INPUT_PATH_CONFIG, "directory '" + dir + "' does not exist or is not a directory");
        }
        try {
            Path.of("x").getFileSystem().getPathMatcher("glob:" + c.getString(INPUT_PATTERN_CONFIG));
        } catch (RuntimeException e) {
            r.add(INPUT_PATTERN_CONFIG, "bad glob: " + e.getMessage());
        }
        RecordSchema schema;
        try {
            schema = RecordSchema.parse(c.getString(SCHEMA_CONFIG));
        } catch (SchemaException e) {
            r.add(SCHEMA_CONFIG, e.getMessage());
            return;
        }
        try {
            FieldMapping.parse(c.getString(FIELD_MAPPING_CONFIG)).validateAgainst(schema);
        } catch (SchemaException e) {
            r.add(FIELD_MAPPING_CONFIG, e.getMessage());
            return;
        }
        try {
            buildParseOptions(c);
        } catch (SchemaException e) {
            r.add(optionKeyOf(e.getMessage()), e.getMessage());
            return;
        }
        for (String k : c.getList(KEY_FIELDS_CONFIG)) {
            if (schema.indexOf(k) < 0) {
                r.add(KEY_FIELDS_CONFIG, "key field '" + k + "' is not in the schema " + schema.names());
            }
        }
        String ts = c.getString(TIMESTAMP_FIELD_CONFIG);
        if (!ts.isBlank()) {
            int i = schema.indexOf(ts);
            if (i < 0) {
                r.add(TIMESTAMP_FIELD_CONFIG, "timestamp field '" + ts + "' is not in the schema " + schema.names());
            } else {
                var kind = schema.field(i).type().kind();
                if (kind != io.covidkafka.schema.DataType.Kind.DATE && kind != io.covidkafka.schema.DataType.Kind.TIMESTAMP) {
                    r.add(TIMESTAMP_FIELD_CONFIG, "timestamp field '" + ts + "' is " + kind + ", not DATE or TIMESTAMP");
                }
            }
        }
        if (c.getString(ROW_ERRORS_POLICY_CONFIG).equalsIgnoreCase("dlq") && c.getString(ROW_ERRORS_TOPIC_CONFIG).isBlank()) {
            r.add(ROW_ERRORS_TOPIC_CONFIG, "row.errors.policy=dlq needs row.errors.topic");
        }
        if (c.getString(ROW_ERRORS_TOPIC_CONFIG).equals(c.getString(TOPIC_CONFIG))) {
            r.add(ROW_ERRORS_TOPIC_CONFIG, "row.errors.topic must differ from topic");
        }
        String fin = c.getString(FINISHED_PATH_CONFIG);
        if (c.getString(CLEANUP_POLICY_CONFIG).equalsIgnoreCase("move")) {
            if (fin.isBlank()) {
                r.add(FINISHED_PATH_CONFIG, "cleanup.policy=move needs finished.path");
            } else if (!Files.isDirectory(Path.of(fin))) {
                r.add(FINISHED_PATH_CONFIG, "directory '" + fin + "' does not exist or is not a directory");
            }
        }
    }

    /** ParseOptions errors name their subject in the message; route them to the matching key. */
    private static String optionKeyOf(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("delimiter")) return CSV_DELIMITER_CONFIG;
        if (m.contains("field format")) return FIELD_FORMATS_CONFIG;
        if (m.contains("timestamp")) return TIMESTAMP_FORMATS_CONFIG;
        if (m.contains("date")) return DATE_FORMATS_CONFIG;
        if (m.contains("column")) return CSV_COLUMNS_CONFIG;
        if (m.contains("mapping")) return FIELD_MAPPING_CONFIG;
        return SCHEMA_CONFIG;
    }

    static ParseOptions buildParseOptions(AbstractConfig c) {
        return ParseOptions.builder()
                .schema(c.getString(SCHEMA_CONFIG))
                .format(FeedFormat.parse(c.getString(INPUT_FORMAT_CONFIG)))
                .mapping(c.getString(FIELD_MAPPING_CONFIG))
                .dateFormats(c.getList(DATE_FORMATS_CONFIG))
                .timestampFormats(c.getList(TIMESTAMP_FORMATS_CONFIG))
                .fieldFormats(ParseOptions.parseFieldFormats(c.getString(FIELD_FORMATS_CONFIG)))
                .nullValues(nullTokens(c.getString(NULL_VALUES_CONFIG)))
                .csvDelimiter(ParseOptions.parseDelimiter(c.getString(CSV_DELIMITER_CONFIG)))
                .csvHeader(c.getBoolean(CSV_HEADER_CONFIG))
                .csvColumns(c.getList(CSV_COLUMNS_CONFIG))
                .unknownFields(ParseOptions.FieldPolicy.parse(c.getString(UNKNOWN_FIELDS_CONFIG)))
                .missingFields(ParseOptions.FieldPolicy.parse(c.getString(MISSING_FIELDS_CONFIG)))
                .maxRecordBytes(c.getInt(MAX_RECORD_BYTES_CONFIG))
                .build();
    }

    /** Null tokens keep empty entries: the empty value is always null. */
    private static List<String> nullTokens(String s) {
        List<String> out = new ArrayList<>();
        out.add("");
        for (String t : s.split(",", -1)) {
            if (!out.contains(t.trim())) {
                out.add(t.trim());
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Reporter {
        void add(String key, String message);
    }
}
