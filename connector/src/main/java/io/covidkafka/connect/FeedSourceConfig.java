package io.covidkafka.connect;

import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of {@link FeedSourceConnector}: one static {@link ConfigDef}, parsed once into typed final fields.
 * Cross-field checks live in {@link FeedSourceConfigChecks}, the single place both the connector's
 * {@code validate()} and this constructor (so the task's start) go through.
 */
public final class FeedSourceConfig extends AbstractConfig {

    static final String GROUP_SOURCE = "Source";
    static final String GROUP_SCHEMA = "Schema";
    static final String GROUP_RECORDS = "Records";
    static final String GROUP_DELIVERY = "Delivery";
    static final String GROUP_HTTP = "HTTP";

    public static final String TOPIC_CONFIG = "topic";
    public static final String TOPIC_DOC = "Kafka topic the typed records are written to.";
    public static final String INPUT_PATH_CONFIG = "input.path";
    public static final String INPUT_PATH_DOC = "Directory scanned for feed files. Empty when only HTTP feeds are read.";
    public static final String INPUT_PATTERN_CONFIG = "input.pattern";
    public static final String INPUT_PATTERN_DOC = "Glob (java.nio PathMatcher syntax) file names in input.path must match; "
            + "files ending in .gz are decompressed transparently.";
    public static final String INPUT_URLS_CONFIG = "input.urls";
    public static final String INPUT_URLS_DOC = "Comma-separated HTTP(S) feed URLs, each polled every poll.interval.ms by one task; "
            + "only rows new or changed since the last poll (per key.fields) are emitted.";
    public static final String INPUT_FORMAT_CONFIG = "input.format";
    public static final String INPUT_FORMAT_DOC = "Feed format: csv, or json (JSON lines, concatenated objects or a top-level array).";
    public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
    public static final String POLL_INTERVAL_DOC = "How often the directory is rescanned and HTTP feeds are polled.";
    public static final String FILE_MIN_AGE_CONFIG = "file.min.age.ms";
    public static final String FILE_MIN_AGE_DOC = "A file is read only once it was last modified at least this long ago AND its size "
            + "was the same in two consecutive scans, so files still being written are left alone. 0 disables the age check "
            + "(the stable-size check remains).";
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String BATCH_SIZE_DOC = "Maximum records returned by one poll(); the only per-task record buffer.";

    public static final String SCHEMA_CONFIG = "schema";
    public static final String SCHEMA_DOC = "Record schema as DDL, e.g. 'Date DATE NOT NULL, Province STRING NOT NULL, Confirmed BIGINT'. "
            + "Types: STRING, INT, BIGINT, DOUBLE, DECIMAL(p,s), BOOLEAN, DATE, TIMESTAMP.";
    public static final String FIELD_MAPPING_CONFIG = "field.mapping";
    public static final String FIELD_MAPPING_DOC = "Source column to schema field mapping: 'src:Field,src2:Field2', or the preset 'phac'. "
            + "Empty maps columns by the schema field names (case-insensitive).";
    public static final String DATE_FORMATS_CONFIG = "date.formats";
    public static final String DATE_FORMATS_DOC = "Comma-separated date patterns tried in order for DATE fields.";
    public static final String TIMESTAMP_FORMATS_CONFIG = "timestamp.formats";
    public static final String TIMESTAMP_FORMATS_DOC = "Comma-separated timestamp patterns tried in order for TIMESTAMP fields.";
    public static final String FIELD_FORMATS_CONFIG = "field.formats";
    public static final String FIELD_FORMATS_DOC = "Per-field patterns overriding date.formats/timestamp.formats: 'Field=pattern|pattern;Other=pattern'.";
    public static final String NULL_VALUES_CONFIG = "null.values";
    public static final String NULL_VALUES_DOC = "Comma-separated raw values read as null (the empty value always is).";
    public static final String CSV_DELIMITER_CONFIG = "csv.delimiter";
    public static final String CSV_DELIMITER_DOC = "CSV field delimiter: one character, or \\t.";
    public static final String CSV_HEADER_CONFIG = "csv.header";
    public static final String CSV_HEADER_DOC = "Whether CSV files start with a header row naming the columns.";
    public static final String CSV_COLUMNS_CONFIG = "csv.columns";
    public static final String CSV_COLUMNS_DOC = "Column names of headerless CSV, in file order. Empty means schema order.";
    public static final String UNKNOWN_FIELDS_CONFIG = "unknown.fields";
    public static final String UNKNOWN_FIELDS_DOC = "Policy for source fields that map to no schema field: ignore or reject (the row).";
    public static final String MISSING_FIELDS_CONFIG = "missing.fields";
    public static final String MISSING_FIELDS_DOC = "Policy for schema fields absent from a row: ignore (null) or reject (the row).";
    public static final String MAX_RECORD_BYTES_CONFIG = "max.record.bytes";
    public static final String MAX_RECORD_BYTES_DOC = "Largest raw record accepted; bigger rows are rejected (never buffered whole).";

    public static final String KEY_FIELDS_CONFIG = "key.fields";
    public static final String KEY_FIELDS_DOC = "Schema fields forming the record key, e.g. 'Province,Date'. The key is a Connect Struct "
            + "with those fields (same types); empty means a null key. For HTTP feeds it also identifies a row for change detection.";
    public static final String TIMESTAMP_FIELD_CONFIG = "timestamp.field";
    public static final String TIMESTAMP_FIELD_DOC = "A DATE or TIMESTAMP field whose value becomes the record timestamp. Empty: the worker's clock.";
    public static final String ORIGIN_HEADERS_CONFIG = "origin.headers";
    public static final String ORIGIN_HEADERS_DOC = "Put the covidkafka.origin (file path or URL), covidkafka.line and "
            + "covidkafka.offset (byte offset) headers on every record. false leaves them off the records of the topic "
            + "(rows sent to row.errors.topic keep them). Each header is converted by the worker, serialised by the "
            + "producer and parsed by the broker: without them one task sent 1.5x the rows/s in bench/README.md.";
    public static final String ROW_ERRORS_POLICY_CONFIG = "row.errors.policy";
    public static final String ROW_ERRORS_POLICY_DOC = "What a row that does not fit the schema does: fail (the task fails naming file, line, field "
            + "and value), skip (logged and counted), dlq (raw row bytes go to row.errors.topic with reason headers, "
            + "in the same transaction). Named row.* because errors.* belongs to the Connect framework.";
    public static final String ROW_ERRORS_TOPIC_CONFIG = "row.errors.topic";
    public static final String ROW_ERRORS_TOPIC_DOC = "Dead-letter topic for rejected rows when row.errors.policy=dlq.";
    public static final String TRANSACTION_PER_CONFIG = "transaction.per";
    public static final String TRANSACTION_PER_DOC = "With exactly-once source support and transaction.boundary=connector: commit one transaction "
            + "per file (and per HTTP poll), or per poll batch.";
    public static final String CLEANUP_POLICY_CONFIG = "cleanup.policy";
    public static final String CLEANUP_POLICY_DOC = "What happens to a fully read file once all its records are committed: none, delete, or move "
            + "(to finished.path).";
    public static final String FINISHED_PATH_CONFIG = "finished.path";
    public static final String FINISHED_PATH_DOC = "Directory finished files are moved to when cleanup.policy=move.";

    public static final String HTTP_MAX_BYTES_CONFIG = "http.max.bytes";
    public static final String HTTP_MAX_BYTES_DOC = "Largest HTTP body read; a bigger body fails the task.";
    public static final String HTTP_HEADERS_CONFIG = "http.headers";
    public static final String HTTP_HEADERS_DOC = "Extra request headers, comma-separated 'Name:Value' pairs.";
    public static final String HTTP_USER_CONFIG = "http.user";
    public static final String HTTP_USER_DOC = "User for HTTP basic authentication (with http.password).";
    public static final String HTTP_PASSWORD_CONFIG = "http.password";
    public static final String HTTP_PASSWORD_DOC = "Password for HTTP basic authentication.";
    public static final String HTTP_CONNECT_TIMEOUT_CONFIG = "http.connect.timeout.ms";
    public static final String HTTP_CONNECT_TIMEOUT_DOC = "HTTP connect timeout.";
    public static final String HTTP_READ_TIMEOUT_CONFIG = "http.read.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_DOC = "HTTP response timeout: the longest wait for the response headers, and for each read of the body "
            + "(a body that stalls longer is a timeout: retried with back-off).";
    public static final String HTTP_RETRY_BACKOFF_CONFIG = "http.retry.backoff.ms";
    public static final String HTTP_RETRY_BACKOFF_DOC = "First back-off after a server error or timeout; doubles per failure up to poll.interval.ms.";
    public static final String HTTP_RETRY_MAX_CONFIG = "http.retry.max.ms";
    public static final String HTTP_RETRY_MAX_DOC = "How long a feed may keep failing (server errors, 408/429, timeouts, I/O errors) "
            + "before the task fails with the last error in its status; until then each failure is retried after the "
            + "back-off and shown in the HttpFailingFeeds / HttpLastError metrics. -1 retries forever.";
    public static final String HTTP_MAX_KEYS_CONFIG = "http.max.keys";
    public static final String HTTP_MAX_KEYS_DOC = "Most distinct keys tracked per URL for change detection. The key->row digest lives in the "
            + "source offset (12 bytes per key, base64), which must fit one offsets-topic message (1 MB by default), hence the bound; "
            + "a feed with more keys fails the task.";

    enum TransactionPer { FILE, BATCH }

    enum CleanupPolicy { NONE, DELETE, MOVE }

    enum RowErrorsPolicy { FAIL, SKIP, DLQ }

    public static final ConfigDef CONFIG_DEF = buildDef();

    final String topic;
    final Path inputPath;
    final String inputPattern;
    final List<String> inputUrls;
    final long pollIntervalMs;
    final long fileMinAgeMs;
    final int batchSize;
    final ParseOptions parseOptions;
    final List<String> keyFields;
    final String timestampField;
    final boolean originHeaders;
    final RowErrorsPolicy rowErrorsPolicy;
    final String rowErrorsTopic;
    final TransactionPer transactionPer;
    final CleanupPolicy cleanupPolicy;
    final Path finishedPath;
    final long httpMaxBytes;
    final Map<String, String> httpHeaders;
    final String httpUser;
    final Password httpPassword;
    final long httpConnectTimeoutMs;
    final long httpReadTimeoutMs;
    final long httpRetryBackoffMs;
    final long httpRetryMaxMs;
    final int httpMaxKeys;

    public FeedSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        List<String> problems = new ArrayList<>();
        FeedSourceConfigChecks.crossCheck(this, problems, null);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
        topic = getString(TOPIC_CONFIG);
        String dir = getString(INPUT_PATH_CONFIG);
        inputPath = dir.isBlank() ? null : Path.of(dir);
        inputPattern = getString(INPUT_PATTERN_CONFIG);
        inputUrls = getList(INPUT_URLS_CONFIG);
        pollIntervalMs = getLong(POLL_INTERVAL_CONFIG);
        fileMinAgeMs = getLong(FILE_MIN_AGE_CONFIG);
        batchSize = getInt(BATCH_SIZE_CONFIG);
        parseOptions = FeedSourceConfigChecks.buildParseOptions(this);
        keyFields = getList(KEY_FIELDS_CONFIG);
        timestampField = getString(TIMESTAMP_FIELD_CONFIG);
        originHeaders = getBoolean(ORIGIN_HEADERS_CONFIG);
        rowErrorsPolicy = RowErrorsPolicy.valueOf(getString(ROW_ERRORS_POLICY_CONFIG).toUpperCase(Locale.ROOT));
        rowErrorsTopic = getString(ROW_ERRORS_TOPIC_CONFIG);
        transactionPer = TransactionPer.valueOf(getString(TRANSACTION_PER_CONFIG).toUpperCase(Locale.ROOT));
        cleanupPolicy = CleanupPolicy.valueOf(getString(CLEANUP_POLICY_CONFIG).toUpperCase(Locale.ROOT));
        String fin = getString(FINISHED_PATH_CONFIG);
        finishedPath = fin.isBlank() ? null : Path.of(fin);
        httpMaxBytes = getLong(HTTP_MAX_BYTES_CONFIG);
        httpHeaders = parseHeaders(getList(HTTP_HEADERS_CONFIG));
        httpUser = getString(HTTP_USER_CONFIG);
        httpPassword = getPassword(HTTP_PASSWORD_CONFIG);
        httpConnectTimeoutMs = getLong(HTTP_CONNECT_TIMEOUT_CONFIG);
        httpReadTimeoutMs = getLong(HTTP_READ_TIMEOUT_CONFIG);
        httpRetryBackoffMs = getLong(HTTP_RETRY_BACKOFF_CONFIG);
        httpRetryMaxMs = getLong(HTTP_RETRY_MAX_CONFIG);
        httpMaxKeys = getInt(HTTP_MAX_KEYS_CONFIG);
    }

    RecordSchema schema() {
        return parseOptions.schema();
    }

    private static ConfigDef buildDef() {
        ConfigDef d = new ConfigDef();
        int o = 0;
        d.define(TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                TOPIC_DOC, GROUP_SOURCE, ++o, Width.MEDIUM, "Topic");
        d.define(INPUT_PATH_CONFIG, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.HIGH,
                INPUT_PATH_DOC, GROUP_SOURCE, ++o, Width.LONG, "Input directory");
        d.define(INPUT_PATTERN_CONFIG, Type.STRING, "*.{csv,json,csv.gz,json.gz}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                INPUT_PATTERN_DOC, GROUP_SOURCE, ++o, Width.MEDIUM, "File name glob");
        d.define(INPUT_URLS_CONFIG, Type.LIST, "", urlListValidator(), Importance.HIGH,
                INPUT_URLS_DOC, GROUP_SOURCE, ++o, Width.LONG, "Feed URLs");
        d.define(INPUT_FORMAT_CONFIG, Type.STRING, "csv", ConfigDef.CaseInsensitiveValidString.in("csv", "json"), Importance.HIGH,
                INPUT_FORMAT_DOC, GROUP_SOURCE, ++o, Width.SHORT, "Format");
        d.define(POLL_INTERVAL_CONFIG, Type.LONG, 5_000L, ConfigDef.Range.atLeast(10), Importance.MEDIUM,
                POLL_INTERVAL_DOC, GROUP_SOURCE, ++o, Width.SHORT, "Poll interval (ms)");
        d.define(FILE_MIN_AGE_CONFIG, Type.LONG, 1_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                FILE_MIN_AGE_DOC, GROUP_SOURCE, ++o, Width.SHORT, "Minimum file age (ms)");
        d.define(BATCH_SIZE_CONFIG, Type.INT, 2_000, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                BATCH_SIZE_DOC, GROUP_SOURCE, ++o, Width.SHORT, "Batch size");

        o = 0;
        d.define(SCHEMA_CONFIG, Type.STRING, RecordSchema.COVID_DDL, new ConfigDef.NonEmptyString(), Importance.HIGH,
                SCHEMA_DOC, GROUP_SCHEMA, ++o, Width.LONG, "Schema DDL");
        d.define(FIELD_MAPPING_CONFIG, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.HIGH,
                FIELD_MAPPING_DOC, GROUP_SCHEMA, ++o, Width.LONG, "Field mapping");
        d.define(DATE_FORMATS_CONFIG, Type.LIST, String.join(",", ParseOptions.DEFAULT_DATE_FORMATS), nonEmptyList(),
                Importance.MEDIUM, DATE_FORMATS_DOC, GROUP_SCHEMA, ++o, Width.MEDIUM, "Date formats");
        d.define(TIMESTAMP_FORMATS_CONFIG, Type.LIST, String.join(",", ParseOptions.DEFAULT_TIMESTAMP_FORMATS), nonEmptyList(),
                Importance.LOW, TIMESTAMP_FORMATS_DOC, GROUP_SCHEMA, ++o, Width.MEDIUM, "Timestamp formats");
        d.define(FIELD_FORMATS_CONFIG, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.LOW,
                FIELD_FORMATS_DOC, GROUP_SCHEMA, ++o, Width.LONG, "Per-field formats");
        // The default token list contains the empty string, which a LIST type cannot express: keep it a STRING.
        d.define(NULL_VALUES_CONFIG, Type.STRING, String.join(",", ParseOptions.DEFAULT_NULL_VALUES),
                new ConfigDef.NonNullValidator(), Importance.LOW, NULL_VALUES_DOC, GROUP_SCHEMA, ++o, Width.MEDIUM, "Null values");
        d.define(CSV_DELIMITER_CONFIG, Type.STRING, ",", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                CSV_DELIMITER_DOC, GROUP_SCHEMA, ++o, Width.SHORT, "CSV delimiter");
        d.define(CSV_HEADER_CONFIG, Type.BOOLEAN, true, null, Importance.MEDIUM,
                CSV_HEADER_DOC, GROUP_SCHEMA, ++o, Width.SHORT, "CSV header row");
        d.define(CSV_COLUMNS_CONFIG, Type.LIST, "", new ConfigDef.NonNullValidator(), Importance.LOW,
                CSV_COLUMNS_DOC, GROUP_SCHEMA, ++o, Width.LONG, "CSV columns");
        d.define(UNKNOWN_FIELDS_CONFIG, Type.STRING, "ignore", ConfigDef.CaseInsensitiveValidString.in("ignore", "reject"),
                Importance.LOW, UNKNOWN_FIELDS_DOC, GROUP_SCHEMA, ++o, Width.SHORT, "Unknown fields");
        d.define(MISSING_FIELDS_CONFIG, Type.STRING, "ignore", ConfigDef.CaseInsensitiveValidString.in("ignore", "reject"),
                Importance.LOW, MISSING_FIELDS_DOC, GROUP_SCHEMA, ++o, Width.SHORT, "Missing fields");
        d.define(MAX_RECORD_BYTES_CONFIG, Type.INT, ParseOptions.DEFAULT_MAX_RECORD_BYTES, ConfigDef.Range.between(64, 64 << 20),
                Importance.LOW, MAX_RECORD_BYTES_DOC, GROUP_SCHEMA, ++o, Width.SHORT, "Max record bytes");

        o = 0;
        d.define(KEY_FIELDS_CONFIG, Type.LIST, "", new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                KEY_FIELDS_DOC, GROUP_RECORDS, ++o, Width.MEDIUM, "Key fields");
        d.define(TIMESTAMP_FIELD_CONFIG, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.LOW,
                TIMESTAMP_FIELD_DOC, GROUP_RECORDS, ++o, Width.MEDIUM, "Timestamp field");
        d.define(ORIGIN_HEADERS_CONFIG, Type.BOOLEAN, true, null, Importance.LOW,
                ORIGIN_HEADERS_DOC, GROUP_RECORDS, ++o, Width.SHORT, "Origin headers");
        d.define(ROW_ERRORS_POLICY_CONFIG, Type.STRING, "fail", ConfigDef.CaseInsensitiveValidString.in("fail", "skip", "dlq"),
                Importance.MEDIUM, ROW_ERRORS_POLICY_DOC, GROUP_RECORDS, ++o, Width.SHORT, "Row errors policy");
        d.define(ROW_ERRORS_TOPIC_CONFIG, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                ROW_ERRORS_TOPIC_DOC, GROUP_RECORDS, ++o, Width.MEDIUM, "Row errors topic");

        o = 0;
        d.define(TRANSACTION_PER_CONFIG, Type.STRING, "file", ConfigDef.CaseInsensitiveValidString.in("file", "batch"),
                Importance.MEDIUM, TRANSACTION_PER_DOC, GROUP_DELIVERY, ++o, Width.SHORT, "Transaction per");
        d.define(CLEANUP_POLICY_CONFIG, Type.STRING, "none", ConfigDef.CaseInsensitiveValidString.in("none", "delete", "move"),
                Importance.MEDIUM, CLEANUP_POLICY_DOC, GROUP_DELIVERY, ++o, Width.SHORT, "Cleanup policy");
        d.define(FINISHED_PATH_CONFIG, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                FINISHED_PATH_DOC, GROUP_DELIVERY, ++o, Width.LONG, "Finished directory");

        o = 0;
        d.define(HTTP_MAX_BYTES_CONFIG, Type.LONG, 256L << 20, ConfigDef.Range.atLeast(1), Importance.LOW,
                HTTP_MAX_BYTES_DOC, GROUP_HTTP, ++o, Width.SHORT, "Max body bytes");
        d.define(HTTP_HEADERS_CONFIG, Type.LIST, "", headerListValidator(), Importance.LOW,
                HTTP_HEADERS_DOC, GROUP_HTTP, ++o, Width.LONG, "Request headers");
        d.define(HTTP_USER_CONFIG, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.LOW,
                HTTP_USER_DOC, GROUP_HTTP, ++o, Width.SHORT, "User");
        d.define(HTTP_PASSWORD_CONFIG, Type.PASSWORD, "", null, Importance.LOW,
                HTTP_PASSWORD_DOC, GROUP_HTTP, ++o, Width.SHORT, "Password");
        d.define(HTTP_CONNECT_TIMEOUT_CONFIG, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                HTTP_CONNECT_TIMEOUT_DOC, GROUP_HTTP, ++o, Width.SHORT, "Connect timeout (ms)");
        d.define(HTTP_READ_TIMEOUT_CONFIG, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                HTTP_READ_TIMEOUT_DOC, GROUP_HTTP, ++o, Width.SHORT, "Read timeout (ms)");
        d.define(HTTP_RETRY_BACKOFF_CONFIG, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                HTTP_RETRY_BACKOFF_DOC, GROUP_HTTP, ++o, Width.SHORT, "Retry back-off (ms)");
        d.define(HTTP_RETRY_MAX_CONFIG, Type.LONG, 900_000L, ConfigDef.Range.atLeast(-1), Importance.LOW,
                HTTP_RETRY_MAX_DOC, GROUP_HTTP, ++o, Width.SHORT, "Retry for at most (ms)");
        d.define(HTTP_MAX_KEYS_CONFIG, Type.INT, 60_000, ConfigDef.Range.between(1, 60_000), Importance.LOW,
                HTTP_MAX_KEYS_DOC, GROUP_HTTP, ++o, Width.SHORT, "Max tracked keys");
        return d;
    }

    private static Map<String, String> parseHeaders(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int i = p.indexOf(':');
            out.put(p.substring(0, i).trim(), p.substring(i + 1).trim());
        }
        return out;
    }

    private static ConfigDef.Validator nonEmptyList() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || ((List<?>) value).isEmpty()) {
                throw new ConfigException(name, value, "must list at least one entry");
            }
        }, () -> "non-empty list");
    }

    private static ConfigDef.Validator urlListValidator() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            for (Object o : (List<?>) value) {
                String u = o.toString().toLowerCase(Locale.ROOT);
                if (!u.startsWith("http://") && !u.startsWith("https://")) {
                    throw new ConfigException(name, o, "not an http:// or https:// URL");
                }
                try {
                    java.net.URI.create(o.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, o, "not a valid URL: " + e.getMessage());
                }
            }
        }, () -> "comma-separated http(s) URLs");
    }

    private static ConfigDef.Validator headerListValidator() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            for (Object o : (List<?>) value) {
                if (o.toString().indexOf(':') <= 0) {
                    throw new ConfigException(name, o, "expected Name:Value");
                }
            }
        }, () -> "comma-separated Name:Value pairs");
    }

}
