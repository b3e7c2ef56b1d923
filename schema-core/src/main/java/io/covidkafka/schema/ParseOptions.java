package io.covidkafka.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything that decides how a raw record becomes typed values. Immutable; build with {@link #builder()}.
 * The connector, the Spark datasource and the command line all build one of these from their own settings,
 * under the same names, so that they accept and reject exactly the same records.
 */
public final class ParseOptions {

    /** Default DATE patterns: ISO first, then the PHAC feed's day-first form. */
    public static final List<String> DEFAULT_DATE_FORMATS = List.of("yyyy-MM-dd", "dd-MM-yyyy");
    /** Default TIMESTAMP patterns (ISO-8601 with optional fraction and offset; UTC when no offset). */
    public static final List<String> DEFAULT_TIMESTAMP_FORMATS = List.of(
            "yyyy-MM-dd'T'HH:mm:ss[.S][X]", "yyyy-MM-dd HH:mm:ss[.S][X]", "yyyy-MM-dd'T'HH:mm[X]");
    /** Default null tokens: empty, N/A and null. */
    public static final List<String> DEFAULT_NULL_VALUES = List.of("", "N/A", "null");
    /** Default bound on one record's size in bytes. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    /** What to do with a source field/column the schema does not know, or a schema field the record lacks. */
    public enum FieldPolicy { IGNORE, REJECT;

        public static FieldPolicy parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new SchemaException("unknown field policy '" + s + "'; expected ignore or reject");
            }
        }
    }

    private final RecordSchema schema;
    private final FeedFormat format;
    private final FieldMapping mapping;
    private final List<String> dateFormats;
    private final List<String> timestampFormats;
    private final Map<String, List<String>> fieldFormats;
    private final List<String> nullValues;
    private final char csvDelimiter;
    private final char csvQuote;
    private final boolean csvHeader;
    private final List<String> csvColumns;
    private final FieldPolicy unknownFields;
    private final FieldPolicy missingFields;
    private final int maxRecordBytes;
    // compiled once: per schema field, the patterns its values are tried against
    private final TemporalPattern[][] patternsByField;

    private ParseOptions(Builder b) {
        this.schema = b.schema;
        this.format = b.format;
        this.mapping = b.mapping.validateAgainst(b.schema);
        this.dateFormats = List.copyOf(b.dateFormats);
        this.timestampFormats = List.copyOf(b.timestampFormats);
        this.fieldFormats = Collections.unmodifiableMap(new LinkedHashMap<>(b.fieldFormats));
        this.nullValues = List.copyOf(new LinkedHashSet<>(b.nullValues));
        this.csvDelimiter = b.csvDelimiter;
        this.csvQuote = b.csvQuote;
        this.csvHeader = b.csvHeader;
        this.csvColumns = List.copyOf(b.csvColumns);
        this.unknownFields = b.unknownFields;
        this.missingFields = b.missingFields;
        this.maxRecordBytes = b.maxRecordBytes;
        if (csvDelimiter == csvQuote || csvDelimiter == '\n' || csvDelimiter == '\r' || csvQuote == '\n' || csvQuote == '\r') {
            throw new SchemaException("csv delimiter and quote must differ from each other and from line ends");
        }
        if (csvDelimiter > 0x7f || csvQuote > 0x7f) {
            throw new SchemaException("csv delimiter and quote must be ASCII characters");
        }
        if (maxRecordBytes < 64) {
            throw new SchemaException("max record bytes must be at least 64, was " + maxRecordBytes);
        }
        for (String f : fieldFormats.keySet()) {
            int i = schema.indexOf(f);
            if (i < 0) {
                throw new SchemaException("field formats name '" + f + "', which is not in the schema " + schema.names());
            }
            DataType.Kind k = schema.field(i).type().kind();
            if (k != DataType.Kind.DATE && k != DataType.Kind.TIMESTAMP) {
                throw new SchemaException("field formats name '" + f + "', which is " + k + ", not DATE or TIMESTAMP");
            }
        }
        this.patternsByField = new TemporalPattern[schema.size()][];
        for (int i = 0; i < schema.size(); i++) {
            patternsByField[i] = compilePatterns(schema.field(i));
        }
    }

    private TemporalPattern[] compilePatterns(SchemaField field) {
        DataType.Kind kind = field.type().kind();
        if (kind != DataType.Kind.DATE && kind != DataType.Kind.TIMESTAMP) {
            return null;
        }
        List<String> patterns = null;
        for (Map.Entry<String, List<String>> e : fieldFormats.entrySet()) {
            if (e.getKey().equalsIgnoreCase(field.name())) {
                patterns = e.getValue();
            }
        }
        if (patterns == null) {
            patterns = kind == DataType.Kind.DATE ? dateFormats : timestampFormats;
        }
        if (patterns.isEmpty()) {
            throw new SchemaException("no " + kind + " formats for field '" + field.name() + "'");
        }
        List<TemporalPattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            compiled.addAll(TemporalPattern.compile(p, kind == DataType.Kind.DATE));
        }
        return compiled.toArray(new TemporalPattern[0]);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: the COVID schema, CSV with a header, identity mapping. */
    public static ParseOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.schema = schema;
        b.format = format;
        b.mapping = mapping;
        b.dateFormats = dateFormats;
        b.timestampFormats = timestampFormats;
        b.fieldFormats = fieldFormats;
        b.nullValues = nullValues;
        b.csvDelimiter = csvDelimiter;
        b.csvQuote = csvQuote;
        b.csvHeader = csvHeader;
        b.csvColumns = csvColumns;
        b.unknownFields = unknownFields;
        b.missingFields = missingFields;
        b.maxRecordBytes = maxRecordBytes;
        return b;
    }

    public RecordSchema schema() { return schema; }
    public FeedFormat format() { return format; }
    public FieldMapping mapping() { return mapping; }
    public List<String> dateFormats() { return dateFormats; }
    public List<String> timestampFormats() { return timestampFormats; }
    public Map<String, List<String>> fieldFormats() { return fieldFormats; }
    public List<String> nullValues() { return nullValues; }
    public char csvDelimiter() { return csvDelimiter; }
    public char csvQuote() { return csvQuote; }
    public boolean csvHeader() { return csvHeader; }
    /** Source column names in order, for CSV without a header row; empty means schema order. */
    public List<String> csvColumns() { return csvColumns; }
    public FieldPolicy unknownFields() { return unknownFields; }
    public FieldPolicy missingFields() { return missingFields; }
    public int maxRecordBytes() { return maxRecordBytes; }

    TemporalPattern[] patternsOf(int field) {
        return patternsByField[field];
    }

    /** The patterns a DATE/TIMESTAMP field accepts, for messages: {@code dd-MM-yyyy|yyyy-MM-dd}. */
    String patternListOf(int field) {
        StringBuilder sb = new StringBuilder();
        for (TemporalPattern p : patternsByField[field]) {
            if (!sb.toString().contains(p.source())) {
                sb.append(sb.length() == 0 ? "" : "|").append(p.source());
            }
        }
        return sb.toString();
    }

    /** Splits a comma-separated list setting, trimming entries and dropping empty ones. */
    public static List<String> splitList(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.trim().isEmpty()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /**
     * Parses a null-token list setting. Unlike other lists, empty entries count: {@code ,N/A} and {@code "",N/A} both
     * mean "empty and N/A" ({@code ""} spells the empty token explicitly). A blank setting means no null tokens.
     */
    public static List<String> parseNullValues(String s) {
        List<String> out = new ArrayList<>();
        if (s == null || s.isBlank()) {
            return out;
        }
        for (String part : s.split(",", -1)) {
            String t = part.trim();
            out.add(t.equals("\"\"") ? "" : t);
        }
        return out;
    }

    /** Parses {@code Field=pattern|pattern;Other=pattern} into per-field format lists. */
    public static Map<String, List<String>> parseFieldFormats(String s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (s == null || s.isBlank()) {
            return out;
        }
        for (String entry : s.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new SchemaException("bad field format entry '" + e + "'; expected Field=pattern|pattern");
            }
            out.put(e.substring(0, eq).trim(), Arrays.stream(e.substring(eq + 1).split("\\|")).map(String::trim).toList());
        }
        return out;
    }

    /** Parses a delimiter setting: one character, or {@code \t}/{@code tab}. */
    public static char parseDelimiter(String s) {
        if (s == null || s.isEmpty()) {
            throw new SchemaException("csv delimiter is empty");
        }
        if (s.equals("\\t") || s.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (s.length() != 1) {
            throw new SchemaException("csv delimiter must be one character (or \\t), was '" + s + "'");
        }
        return s.charAt(0);
    }

    /** Builds {@link ParseOptions}; every setter validates at {@link #build()}. */
    public static final class Builder {
        private RecordSchema schema = RecordSchema.covid();
        private FeedFormat format = FeedFormat.CSV;
        private FieldMapping mapping = FieldMapping.identity();
        private List<String> dateFormats = DEFAULT_DATE_FORMATS;
        private List<String> timestampFormats = DEFAULT_TIMESTAMP_FORMATS;
        private Map<String, List<String>> fieldFormats = Map.of();
        private List<String> nullValues = DEFAULT_NULL_VALUES;
        private char csvDelimiter = ',';
        private char csvQuote = '"';
        private boolean csvHeader = true;
        private List<String> csvColumns = List.of();
        private FieldPolicy unknownFields = FieldPolicy.IGNORE;
        private FieldPolicy missingFields = FieldPolicy.IGNORE;
        private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;

        private Builder() {
        }

        public Builder schema(RecordSchema schema) { this.schema = schema; return this; }
        public Builder schema(String ddl) { this.schema = RecordSchema.parse(ddl); return this; }
        public Builder format(FeedFormat format) { this.format = format; return this; }
        public Builder mapping(FieldMapping mapping) { this.mapping = mapping; return this; }
        public Builder mapping(String spec) { this.mapping = FieldMapping.parse(spec); return this; }
        public Builder dateFormats(List<String> formats) { this.dateFormats = formats; return this; }
        public Builder timestampFormats(List<String> formats) { this.timestampFormats = formats; return this; }
        public Builder fieldFormats(Map<String, List<String>> formats) { this.fieldFormats = formats; return this; }
        public Builder nullValues(List<String> tokens) { this.nullValues = tokens; return this; }
        public Builder csvDelimiter(char delimiter) { this.csvDelimiter = delimiter; return this; }
        public Builder csvQuote(char quote) { this.csvQuote = quote; return this; }
        public Builder csvHeader(boolean header) { this.csvHeader = header; return this; }
        public Builder csvColumns(List<String> columns) { this.csvColumns = columns; return this; }
        public Builder unknownFields(FieldPolicy policy) { this.unknownFields = policy; return this; }
        public Builder missingFields(FieldPolicy policy) { this.missingFields = policy; return this; }
        public Builder maxRecordBytes(int bytes) { this.maxRecordBytes = bytes; return this; }

        public ParseOptions build() {
            return new ParseOptions(this);
        }
    }
}
