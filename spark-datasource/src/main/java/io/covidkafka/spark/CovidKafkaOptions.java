package io.covidkafka.spark;

import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.SchemaException;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code format("covid-kafka")}, parsed once into typed fields. Every option of Spark's built-in
 * {@code kafka} format passes through unchanged ({@link #kafkaSourceOptions()}); the options below are ours.
 *
 * <p>Serializable so that executors rebuild the (non-serializable) {@link ParseOptions} from the same strings.
 */
public final class CovidKafkaOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String SCHEMA = "schema";
    public static final String VALUE_FORMAT = "valueFormat";
    public static final String DATE_FORMAT = "dateFormat";
    public static final String TIMESTAMP_FORMAT = "timestampFormat";
    public static final String FIELD_FORMATS = "fieldFormats";
    public static final String FIELD_MAPPING = "fieldMapping";
    public static final String NULL_VALUES = "nullValues";
    public static final String CSV_DELIMITER = "csvDelimiter";
    public static final String CSV_QUOTE = "csvQuote";
    public static final String CSV_COLUMNS = "csvColumns";
    public static final String UNKNOWN_FIELDS = "unknownFields";
    public static final String MISSING_FIELDS = "missingFields";
    public static final String MAX_RECORD_BYTES = "maxRecordBytes";
    public static final String MODE = "mode";
    public static final String CORRUPT_RECORD_COLUMN = "columnNameOfCorruptRecord";
    public static final String DEAD_LETTER_TOPIC = "deadLetterTopic";
    public static final String INCLUDE_METADATA = "includeMetadata";
    public static final String KEY_COLUMNS = "keyColumns";
    /** Shared with Spark's kafka format: the topic a write goes to (unless the data has a {@code topic} column). */
    public static final String TOPIC = "topic";
    /** Writes: each task's records in one Kafka transaction; streaming epochs are not written twice. */
    public static final String TRANSACTIONAL = "transactional";
    /** Writes with transactional=true: transactional.id prefix (default covid-kafka-&lt;query id&gt;). */
    public static final String TRANSACTIONAL_ID_PREFIX = "transactionalIdPrefix";
    /** Spark's kafka option (passed through): reads get a {@code headers} column. */
    public static final String INCLUDE_HEADERS = "includeHeaders";

    public static final String DEFAULT_CORRUPT_RECORD_COLUMN = "_corrupt_record";

    /** Our own option names, lower-cased: never passed to Spark's kafka source. */
    private static final Set<String> OWN_OPTIONS = Set.of(SCHEMA, VALUE_FORMAT, DATE_FORMAT, TIMESTAMP_FORMAT,
            FIELD_FORMATS, FIELD_MAPPING, NULL_VALUES, CSV_DELIMITER, CSV_QUOTE, CSV_COLUMNS, UNKNOWN_FIELDS,
            MISSING_FIELDS, MAX_RECORD_BYTES, MODE, CORRUPT_RECORD_COLUMN, DEAD_LETTER_TOPIC, INCLUDE_METADATA,
            KEY_COLUMNS, TRANSACTIONAL, TRANSACTIONAL_ID_PREFIX).stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());

    /** What happens to a record the schema rejects (Spark's CSV/JSON modes). */
    public enum Mode {
        /** Keep the row: typed columns null, the raw value in the corrupt-record column. */
        PERMISSIVE,
        /** Drop the row (counted in the metrics, sent to the dead-letter topic if one is set). */
        DROPMALFORMED,
        /** Fail the query, naming topic, partition, offset, field and value. */
        FAILFAST;

        static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option mode must be PERMISSIVE, DROPMALFORMED or FAILFAST, was '"
                        + s + "'");
            }
        }
    }

    private final Map<String, String> original;
    /** The schema as DDL: {@link RecordSchema} is not serializable, executors re-parse this. */
    private final String schemaDdl;
    private transient RecordSchema schema;
    private final FeedFormat valueFormat;
    private final Mode mode;
    private final String corruptRecordColumn;
    private final String deadLetterTopic;
    private final boolean includeMetadata;
    private final boolean includeHeaders;
    private final boolean transactional;
    private final String transactionalIdPrefix;
    private final List<String> keyColumns;
    private final String topic;
    private transient ParseOptions parseOptions;

    /**
     * @param options    the user's options (any case)
     * @param userSchema the DDL of a schema given with {@code .schema(...)}, or null
     */
    CovidKafkaOptions(Map<String, String> options, RecordSchema userSchema) {
        this.original = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        Map<String, String> lower = new HashMap<>();
        options.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        String ddl = lower.get(SCHEMA.toLowerCase(Locale.ROOT));
        this.schema = userSchema != null ? userSchema : ddl == null ? RecordSchema.covid() : RecordSchema.parse(ddl);
        this.schemaDdl = schema.toDdl();
        this.valueFormat = FeedFormat.parse(lower.getOrDefault(VALUE_FORMAT.toLowerCase(Locale.ROOT), "json"));
        this.mode = Mode.parse(lower.getOrDefault(MODE.toLowerCase(Locale.ROOT), Mode.PERMISSIVE.name()));
        this.corruptRecordColumn = lower.getOrDefault(CORRUPT_RECORD_COLUMN.toLowerCase(Locale.ROOT),
                DEFAULT_CORRUPT_RECORD_COLUMN);
        this.deadLetterTopic = blankToNull(lower.get(DEAD_LETTER_TOPIC.toLowerCase(Locale.ROOT)));
        this.includeMetadata = Boolean.parseBoolean(lower.getOrDefault(INCLUDE_METADATA.toLowerCase(Locale.ROOT),
                "false"));
        this.includeHeaders = Boolean.parseBoolean(lower.getOrDefault(INCLUDE_HEADERS.toLowerCase(Locale.ROOT),
                "false").trim());
        this.transactional = Boolean.parseBoolean(lower.getOrDefault(TRANSACTIONAL.toLowerCase(Locale.ROOT),
                "false").trim());
        this.transactionalIdPrefix = blankToNull(lower.get(TRANSACTIONAL_ID_PREFIX.toLowerCase(Locale.ROOT)));
        if (lower.containsKey("kafka.transactional.id")) {
            throw new IllegalArgumentException("kafka.transactional.id is not supported: set " + TRANSACTIONAL
                    + "=true (and optionally " + TRANSACTIONAL_ID_PREFIX + "); each partition gets its own id");
        }
        this.keyColumns = ParseOptions.splitList(lower.get(KEY_COLUMNS.toLowerCase(Locale.ROOT)));
        this.topic = blankToNull(lower.get(TOPIC));
        for (String k : keyColumns) {
            if (schema.indexOf(k) < 0) {
                throw new IllegalArgumentException("keyColumns names '" + k + "', which is not in the schema "
                        + schema.toDdl());
            }
        }
        if (mode == Mode.PERMISSIVE && schema.indexOf(corruptRecordColumn) >= 0) {
            throw new IllegalArgumentException("the corrupt-record column '" + corruptRecordColumn
                    + "' clashes with a schema field; set " + CORRUPT_RECORD_COLUMN + " to another name");
        }
        parseOptions(); // validates the parse settings on the driver, before any read or write
    }

    /** Options given as a plain map (Java/Scala/SQL all end up here). */
    public static CovidKafkaOptions of(Map<String, String> options) {
        return new CovidKafkaOptions(options, null);
    }

    /** The parse settings of the schema core (rebuilt lazily on executors). */
    public ParseOptions parseOptions() {
        if (parseOptions == null) {
            parseOptions = buildParseOptions();
        }
        return parseOptions;
    }

    private ParseOptions buildParseOptions() {
        ParseOptions.Builder b = ParseOptions.builder().schema(schema()).format(valueFormat).csvHeader(false);
        String v;
        if ((v = get(FIELD_MAPPING)) != null) {
            b.mapping(v);
        }
        if ((v = get(DATE_FORMAT)) != null) {
            b.dateFormats(ParseOptions.splitList(v));
        }
        if ((v = get(TIMESTAMP_FORMAT)) != null) {
            b.timestampFormats(ParseOptions.splitList(v));
        }
        if ((v = get(FIELD_FORMATS)) != null) {
            b.fieldFormats(ParseOptions.parseFieldFormats(v));
        }
        if ((v = get(NULL_VALUES)) != null) {
            // an explicit empty entry ("") stays a null token: split on commas without dropping empties
            b.nullValues(List.of(v.split(",", -1)).stream().map(String::trim).toList());
        }
        if ((v = get(CSV_DELIMITER)) != null) {
            b.csvDelimiter(ParseOptions.parseDelimiter(v));
        }
        if ((v = get(CSV_QUOTE)) != null) {
            if (v.length() != 1) {
                throw new SchemaException("csvQuote must be one character, was '" + v + "'");
            }
            b.csvQuote(v.charAt(0));
        }
        if ((v = get(CSV_COLUMNS)) != null) {
            b.csvColumns(ParseOptions.splitList(v));
        }
        if ((v = get(UNKNOWN_FIELDS)) != null) {
            b.unknownFields(ParseOptions.FieldPolicy.parse(v));
        }
        if ((v = get(MISSING_FIELDS)) != null) {
            b.missingFields(ParseOptions.FieldPolicy.parse(v));
        }
        if ((v = get(MAX_RECORD_BYTES)) != null) {
            b.maxRecordBytes(Integer.parseInt(v.trim()));
        }
        return b.build();
    }

    /** An option by name, any case, or null. */
    String get(String name) {
        for (Map.Entry<String, String> e : original.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The options Spark's own kafka source sees: everything but ours. */
    Map<String, String> kafkaSourceOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        original.forEach((k, v) -> {
            String lower = k.toLowerCase(Locale.ROOT);
            if (!OWN_OPTIONS.contains(lower)) {
                out.put(k, lower.startsWith("kafka.") ? KafkaClassNames.map(v) : v);
            }
        });
        return out;
    }

    /** Kafka client settings: the {@code kafka.*} options without the prefix (as Spark's kafka format does). */
    Map<String, Object> kafkaClientParams() {
        Map<String, Object> out = new HashMap<>();
        original.forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).startsWith("kafka.")) {
                out.put(k.substring("kafka.".length()), KafkaClassNames.map(v));
            }
        });
        if (!out.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("option 'kafka.bootstrap.servers' must be specified");
        }
        return out;
    }

    public Map<String, String> asMap() {
        return original;
    }

    public RecordSchema schema() {
        if (schema == null) {
            schema = RecordSchema.parse(schemaDdl);
        }
        return schema;
    }

    public FeedFormat valueFormat() {
        return valueFormat;
    }

    public Mode mode() {
        return mode;
    }

    public String corruptRecordColumn() {
        return corruptRecordColumn;
    }

    /** The dead-letter topic, or null. */
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public boolean includeMetadata() {
        return includeMetadata;
    }

    /** Spark's {@code includeHeaders}: reads add a {@code headers} column. */
    public boolean includeHeaders() {
        return includeHeaders;
    }

    /** Writes in per-task Kafka transactions. */
    public boolean transactional() {
        return transactional;
    }

    /** The transactional.id prefix the user set, or null. */
    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The {@code topic} option, or null. */
    public String topic() {
        return topic;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
