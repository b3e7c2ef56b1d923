package io.covidkafka.cli;

import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.SchemaException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The feed settings shared with the connector, under the same names: command-line flags, or a connector
 * {@code .properties}/REST {@code .json} file given with {@code --config} (flags override the file).
 * Everything ends in one {@link ParseOptions}, so the command line accepts exactly what the connector accepts.
 */
final class FeedSettings {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Connector settings file: worker .properties or Connect REST .json ({\"name\":..,\"config\":{..}}).")
    Path config;

    @Option(names = "--format", paramLabel = "csv|json", description = "Feed format (connector key format). "
            + "Default: from the config, else json for .json/.jsonl/.ndjson inputs, csv otherwise.")
    String format;

    @Option(names = "--schema", paramLabel = "DDL|@FILE", description = "Schema DDL (key schema). Default: the COVID record.")
    String schema;

    @Option(names = "--mapping", paramLabel = "SPEC", description = "Preset (phac) or source:field pairs (key field.mapping).")
    String mapping;

    @Option(names = "--date-formats", paramLabel = "LIST", description = "DATE patterns, comma-separated (key date.formats).")
    String dateFormats;

    @Option(names = "--timestamp-formats", paramLabel = "LIST", description = "TIMESTAMP patterns (key timestamp.formats).")
    String timestampFormats;

    @Option(names = "--field-formats", paramLabel = "SPEC", description = "Per-field patterns Field=p|p;Other=p (key field.formats).")
    String fieldFormats;

    @Option(names = "--null-values", paramLabel = "LIST",
            description = "Null tokens, comma-separated; \"\" (or an empty entry) is the empty value (key null.values).")
    String nullValues;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV delimiter, or \\t (key csv.delimiter).")
    String delimiter;

    @Option(names = "--no-header", description = "CSV has no header row (key csv.header=false).")
    boolean noHeader;

    @Option(names = "--columns", paramLabel = "LIST", description = "CSV column names when there is no header (key csv.columns).")
    String columns;

    @Option(names = "--unknown-fields", paramLabel = "ignore|reject", description = "Key unknown.fields.")
    String unknownFields;

    @Option(names = "--missing-fields", paramLabel = "ignore|reject", description = "Key missing.fields.")
    String missingFields;

    @Option(names = "--max-record-bytes", paramLabel = "N", description = "Key max.record.bytes.")
    String maxRecordBytes;

    /** Builds the options; {@code firstInput} decides the format when neither flag nor config names it. */
    ParseOptions toParseOptions(String firstInput) {
        Map<String, String> file = config != null ? ConnectorConfigFile.read(config) : Map.of();
        Lookup s = new Lookup(file, config);
        ParseOptions.Builder b = ParseOptions.builder();
        String fmt = s.get(format, "--format", "format");
        b.format(fmt != null ? s.apply("format", () -> FeedFormat.parse(fmt)) : guessFormat(firstInput));
        String ddl = s.get(schema, "--schema", "schema");
        if (ddl != null) {
            String text = ddl.startsWith("@") ? readSchemaFile(ddl.substring(1)) : ddl;
            b.schema(s.apply("schema", () -> io.covidkafka.schema.RecordSchema.parse(text)));
        }
        String map = s.get(mapping, "--mapping", "field.mapping");
        if (map != null) {
            b.mapping(s.apply("field.mapping", () -> io.covidkafka.schema.FieldMapping.parse(map)));
        }
        String df = s.get(dateFormats, "--date-formats", "date.formats");
        if (df != null) {
            b.dateFormats(ParseOptions.splitList(df));
        }
        String tf = s.get(timestampFormats, "--timestamp-formats", "timestamp.formats");
        if (tf != null) {
            b.timestampFormats(ParseOptions.splitList(tf));
        }
        String ff = s.get(fieldFormats, "--field-formats", "field.formats");
        if (ff != null) {
            b.fieldFormats(s.apply("field.formats", () -> ParseOptions.parseFieldFormats(ff)));
        }
        String nv = s.get(nullValues, "--null-values", "null.values");
        if (nv != null) {
            b.nullValues(parseNullValues(nv));
        }
        String d = s.get(delimiter, "--delimiter", "csv.delimiter");
        if (d != null) {
            b.csvDelimiter(s.apply("csv.delimiter", () -> ParseOptions.parseDelimiter(d)));
        }
        String header = s.get(noHeader ? "false" : null, "--no-header", "csv.header");
        if (header != null) {
            if (!header.trim().equalsIgnoreCase("true") && !header.trim().equalsIgnoreCase("false")) {
                throw new UsageException(s.origin("csv.header") + ": expected true or false, was '" + header + "'");
            }
            b.csvHeader(Boolean.parseBoolean(header.trim()));
        }
        String cols = s.get(columns, "--columns", "csv.columns");
        if (cols != null) {
            b.csvColumns(ParseOptions.splitList(cols));
        }
        String uf = s.get(unknownFields, "--unknown-fields", "unknown.fields");
        if (uf != null) {
            b.unknownFields(s.apply("unknown.fields", () -> ParseOptions.FieldPolicy.parse(uf)));
        }
        String mf = s.get(missingFields, "--missing-fields", "missing.fields");
        if (mf != null) {
            b.missingFields(s.apply("missing.fields", () -> ParseOptions.FieldPolicy.parse(mf)));
        }
        String mrb = s.get(maxRecordBytes, "--max-record-bytes", "max.record.bytes");
        if (mrb != null) {
            b.maxRecordBytes(s.apply("max.record.bytes", () -> {
                try {
                    return Integer.parseInt(mrb.trim());
                } catch (NumberFormatException e) {
                    throw new SchemaException("expected a whole number of bytes, was '" + mrb + "'");
                }
            }));
        }
        try {
            return b.build();
        } catch (SchemaException e) {
            throw new UsageException("bad " + s.origin(settingBehind(e.getMessage())) + ": " + e.getMessage());
        }
    }

    /**
     * The same settings as options of {@code format("covid-kafka")}, for the Spark-based commands. They are
     * checked first by {@link #toParseOptions}, so a bad setting is a usage error here, not a failed query later.
     * Records in Kafka are single records: a CSV header never applies, columns come from {@code --columns}.
     */
    Map<String, String> toDatasourceOptions(String firstInput) {
        ParseOptions checked = toParseOptions(firstInput);
        Map<String, String> file = config != null ? ConnectorConfigFile.read(config) : Map.of();
        Lookup s = new Lookup(file, config);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("valueFormat", checked.format().name().toLowerCase(Locale.ROOT));
        out.put("schema", checked.schema().toDdl());
        putIfSet(out, "fieldMapping", s.get(mapping, "--mapping", "field.mapping"));
        putIfSet(out, "dateFormat", s.get(dateFormats, "--date-formats", "date.formats"));
        putIfSet(out, "timestampFormat", s.get(timestampFormats, "--timestamp-formats", "timestamp.formats"));
        putIfSet(out, "fieldFormats", s.get(fieldFormats, "--field-formats", "field.formats"));
        putIfSet(out, "nullValues", s.get(nullValues, "--null-values", "null.values"));
        putIfSet(out, "csvDelimiter", s.get(delimiter, "--delimiter", "csv.delimiter"));
        putIfSet(out, "csvColumns", s.get(columns, "--columns", "csv.columns"));
        putIfSet(out, "unknownFields", s.get(unknownFields, "--unknown-fields", "unknown.fields"));
        putIfSet(out, "missingFields", s.get(missingFields, "--missing-fields", "missing.fields"));
        putIfSet(out, "maxRecordBytes", s.get(maxRecordBytes, "--max-record-bytes", "max.record.bytes"));
        return out;
    }

    private static void putIfSet(Map<String, String> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    /**
     * Null tokens: comma-separated, trimmed. Unlike other lists an empty entry is kept, as the empty value,
     * and {@code ""} spells it explicitly: {@code "",N/A} means empty and N/A.
     */
    static List<String> parseNullValues(String s) {
        return ParseOptions.parseNullValues(s);
    }

    /** The setting a cross-check failure of {@link ParseOptions.Builder#build()} is about, to name it in the message. */
    private static String settingBehind(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("field mapping")) {
            return "field.mapping";
        }
        if (m.contains("field formats")) {
            return "field.formats";
        }
        if (m.contains("delimiter") || m.contains("quote")) {
            return "csv.delimiter";
        }
        if (m.contains("max record")) {
            return "max.record.bytes";
        }
        if (m.contains("timestamp")) {
            return "timestamp.formats";
        }
        if (m.contains("pattern") || m.contains("formats")) {
            return "date.formats";
        }
        return "schema";
    }

    static FeedFormat guessFormat(String input) {
        String name = input == null ? "" : input.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson") ? FeedFormat.JSON : FeedFormat.CSV;
    }

    private static String readSchemaFile(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UsageException("--schema: cannot read schema file " + path + ": " + e.getMessage());
        }
    }

    /** Resolves one setting from the flag or the config file, remembering where it came from for messages. */
    private static final class Lookup {
        private final Map<String, String> file;
        private final Path configPath;
        private final Map<String, String> origins = new java.util.HashMap<>();

        Lookup(Map<String, String> file, Path configPath) {
            this.file = file;
            this.configPath = configPath;
        }

        String get(String flagValue, String flag, String key) {
            if (flagValue != null) {
                origins.put(key, flag);
                return flagValue;
            }
            String v = file.get(key);
            if (v != null) {
                origins.put(key, key + " in " + configPath);
            }
            return v;
        }

        String origin(String key) {
            return origins.getOrDefault(key, key);
        }

        <T> T apply(String key, java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (IllegalArgumentException e) { // SchemaException included
                throw new UsageException("bad " + origin(key) + ": " + e.getMessage());
            }
        }
    }
}
