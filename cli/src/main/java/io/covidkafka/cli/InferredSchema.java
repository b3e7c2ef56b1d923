package io.covidkafka.cli;

import io.covidkafka.schema.DataType;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.SchemaField;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns column profiles into connector settings: the schema DDL, the null tokens, the date/timestamp formats
 * (one global list when the columns agree, per-field formats when they differ), plus notes a person should read.
 */
final class InferredSchema {
    final String input;
    final FeedFormat format;
    final long sampled;
    final boolean wholeInput;
    final char delimiter;
    final List<ColumnProfile> columns;
    final List<String> nullValues;
    final RecordSchema schema;
    final List<String> dateFormats;
    final List<String> timestampFormats;
    final Map<String, List<String>> fieldFormats = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();

    InferredSchema(String input, FeedFormat format, char delimiter, long sampled, boolean wholeInput,
                   List<ColumnProfile> columns, List<String> structureNotes) {
        this.input = input;
        this.format = format;
        this.delimiter = delimiter;
        this.sampled = sampled;
        this.wholeInput = wholeInput;
        this.columns = columns;
        this.nullValues = chooseNullValues(columns);
        List<SchemaField> fields = new ArrayList<>();
        Set<String> dates = new LinkedHashSet<>();
        Set<String> timestamps = new LinkedHashSet<>();
        Map<String, List<String>> perField = new LinkedHashMap<>();
        for (ColumnProfile c : columns) {
            DataType t = c.type();
            fields.add(new SchemaField(c.name, t, c.nullable(nullValues)));
            if (t.kind() == DataType.Kind.DATE || t.kind() == DataType.Kind.TIMESTAMP) {
                perField.put(c.name, c.patterns());
                (t.kind() == DataType.Kind.DATE ? dates : timestamps).addAll(c.patterns());
            }
        }
        this.schema = new RecordSchema(fields);
        this.dateFormats = List.copyOf(dates);
        this.timestampFormats = List.copyOf(timestamps);
        // one global list is enough when every temporal column uses all of it; otherwise a value of one column could
        // be read with another column's (e.g. month-first) pattern, so name the formats per field
        for (Map.Entry<String, List<String>> e : perField.entrySet()) {
            int i = schema.indexOf(e.getKey());
            List<String> global = schema.field(i).type().kind() == DataType.Kind.DATE ? dateFormats : timestampFormats;
            if (!e.getValue().equals(global)) {
                fieldFormats.putAll(perField);
                break;
            }
        }
        notes.addAll(structureNotes);
        collectNotes();
    }

    /** Null tokens: the empty value when seen, and any other candidate seen in a column that is not STRING. */
    private static List<String> chooseNullValues(List<ColumnProfile> columns) {
        Set<String> out = new LinkedHashSet<>();
        for (String token : ColumnProfile.NULL_CANDIDATES) {
            for (ColumnProfile c : columns) {
                if (c.nullTokens.containsKey(token) && (token.isEmpty() || c.type().kind() != DataType.Kind.STRING || c.values == 0)) {
                    out.add(token);
                }
            }
        }
        return List.copyOf(out);
    }

    private void collectNotes() {
        for (ColumnProfile c : columns) {
            DataType t = c.type();
            if (c.leadingZeros > 0 && t.kind() == DataType.Kind.STRING) {
                notes.add(c.name + ": kept STRING, " + c.leadingZeros + " values are codes with leading zeros (e.g. '"
                        + c.leadingZeroExample + "') that a number type would lose");
            }
            if (c.thousands > 0) {
                notes.add(c.name + ": " + c.thousands + " values are numbers with thousands separators (e.g. '"
                        + c.thousandsExample + "'): kept STRING; no number type parses them, so clean the feed or keep it text");
            }
            if (t.kind() == DataType.Kind.DATE || t.kind() == DataType.Kind.TIMESTAMP) {
                DateShape d = c.dateShape();
                if (d.ambiguous()) {
                    notes.add(c.name + ": AMBIGUOUS dates, every value fits both " + c.patterns() + " and "
                            + d.alternativePatterns() + "; chose " + d.chosenOrderName() + ", check against a known date");
                }
                if (d.twoDigitYears()) {
                    notes.add(c.name + ": 2-digit years (yy) are read as 20yy");
                }
            }
            if (t.kind() == DataType.Kind.STRING && c.values > 0) {
                for (String tok : c.nullTokens.keySet()) {
                    if (!tok.isEmpty() && !nullValues.contains(tok)) {
                        notes.add(c.name + ": '" + tok + "' left as text (STRING column); add it to null.values if it means no value");
                    }
                }
            }
        }
    }

    /** Human-readable report, then lines ready to paste into a connector config. */
    void print(PrintWriter out) {
        out.printf("# %s: %,d records sampled%s%n", input, sampled, wholeInput ? " (the whole input)" : "");
        out.printf("# %-24s %-22s %10s  %s%n", "COLUMN", "TYPE", "NULLS", "SEEN");
        for (int i = 0; i < columns.size(); i++) {
            ColumnProfile c = columns.get(i);
            SchemaField f = schema.field(i);
            out.printf("# %-24s %-22s %,10d  %s%n", c.name, f.type().sql() + (f.nullable() ? "" : " NOT NULL"),
                    c.nullCount(nullValues), describe(c, f.type()));
        }
        out.println("# NOT NULL is proposed only for columns with no null in the sample; a later null there is rejected.");
        for (String n : notes) {
            out.println("# note: " + n);
        }
        for (Map.Entry<String, String> e : properties().entrySet()) {
            out.println(e.getKey() + "=" + e.getValue());
        }
    }

    private String describe(ColumnProfile c, DataType t) {
        StringBuilder sb = new StringBuilder();
        switch (t.kind()) {
            case INT, BIGINT -> sb.append("min ").append(c.min()).append(", max ").append(c.max());
            case DATE, TIMESTAMP -> sb.append("pattern ").append(String.join("|", c.patterns()));
            default -> sb.append(c.firstValue == null ? "no values" : "e.g. '" + c.firstValue + "'");
        }
        List<String> nulls = new ArrayList<>();
        c.nullTokens.forEach((tok, n) -> {
            if (nullValues.contains(tok)) {
                nulls.add((tok.isEmpty() ? "empty" : "'" + tok + "'") + " x" + n);
            }
        });
        if (c.missing > 0) {
            nulls.add("absent x" + c.missing);
        }
        if (!nulls.isEmpty()) {
            sb.append("; null as ").append(String.join(", ", nulls));
        }
        return sb.toString();
    }

    /** Connector settings, in the order a person reads them. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("format", format.name().toLowerCase());
        p.put("schema", schema.toDdl());
        if (!dateFormats.isEmpty()) {
            p.put("date.formats", String.join(",", dateFormats));
        }
        if (!timestampFormats.isEmpty()) {
            p.put("timestamp.formats", String.join(",", timestampFormats));
        }
        if (!fieldFormats.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            fieldFormats.forEach((f, pats) -> sb.append(sb.length() == 0 ? "" : ";").append(f).append('=').append(String.join("|", pats)));
            p.put("field.formats", sb.toString());
        }
        List<String> tokens = new ArrayList<>();
        nullValues.forEach(t -> tokens.add(t.isEmpty() ? "\"\"" : t));
        p.put("null.values", String.join(",", tokens));
        if (format == FeedFormat.CSV && delimiter != ',') {
            p.put("csv.delimiter", delimiter == '\t' ? "\\t" : String.valueOf(delimiter));
        }
        return p;
    }
}
