package io.covidkafka.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profiles a JSON feed with Jackson's streaming parser: JSON lines, concatenated objects or a top-level array of
 * records, and also shapes the connector cannot read as they are, reported with the flattening they need: a
 * top-level object keyed by name ({@code {"Canada":[{..},..],..}}) and nested objects inside records.
 */
final class JsonShapeInspector {
    private final Map<String, ColumnProfile> columns = new LinkedHashMap<>();
    private final Set<String> nested = new LinkedHashSet<>();
    private final Set<String> arrays = new LinkedHashSet<>();
    private final List<String> keyedBy = new ArrayList<>();
    private final long limit;
    private long records;
    private boolean truncated;

    JsonShapeInspector(long limit) {
        this.limit = limit;
    }

    long records() {
        return records;
    }

    boolean truncated() {
        return truncated;
    }

    List<ColumnProfile> columns() {
        return new ArrayList<>(columns.values());
    }

    void read(InputStream in, Progress progress) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null && !truncated) {
                if (t == JsonToken.START_ARRAY) {
                    readArrayOfRecords(p, progress);
                } else if (t == JsonToken.START_OBJECT) {
                    readTopObject(p, progress);
                } else {
                    throw new UsageException("not a JSON feed: top-level " + t.asString() + " at " + p.getCurrentLocation());
                }
            }
        }
    }

    /** A top-level object is a record, unless its first value is an array: then it is keyed by name. */
    private void readTopObject(JsonParser p, Progress progress) throws IOException {
        if (p.nextToken() == JsonToken.END_OBJECT) {
            return;
        }
        String firstKey = p.currentName();
        if (p.nextToken() != JsonToken.START_ARRAY) {
            beginRecord();
            Set<String> seen = new LinkedHashSet<>();
            readField(p, firstKey, seen);
            readRestOfRecord(p, seen);
            return;
        }
        String key = firstKey;
        while (true) {
            if (keyedBy.size() < 3) {
                keyedBy.add(key);
            }
            readArrayOfRecords(p, progress);
            if (truncated) {
                return;
            }
            if (p.nextToken() != JsonToken.FIELD_NAME) {
                return;
            }
            key = p.currentName();
            if (p.nextToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
        }
    }

    private void readArrayOfRecords(JsonParser p, Progress progress) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            beginRecord();
            readRestOfRecord(p, new LinkedHashSet<>());
            if ((records & 0x3fff) == 0) {
                progress.update(records, p.getCurrentLocation().getByteOffset());
            }
            if (records >= limit) {
                truncated = true;
                return;
            }
        }
    }

    private void beginRecord() {
        records++;
    }

    private void readRestOfRecord(JsonParser p, Set<String> seen) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            readField(p, name, seen);
        }
        for (ColumnProfile c : columns.values()) {
            if (!seen.contains(c.name)) {
                c.missing();
            }
        }
    }

    private void readField(JsonParser p, String name, Set<String> seen) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            nested.add(name);
            p.skipChildren();
            return;
        }
        if (t == JsonToken.START_ARRAY) {
            arrays.add(name);
            p.skipChildren();
            return;
        }
        ColumnProfile c = columns.get(name);
        if (c == null) {
            c = new ColumnProfile(name);
            // absent from every record so far
            for (long i = 1; i < records; i++) {
                c.missing();
            }
            columns.put(name, c);
        }
        seen.add(name);
        if (t == JsonToken.VALUE_NULL) {
            c.missing(); // JSON null is null whatever the null tokens are
        } else {
            c.accept(p.getText());
        }
    }

    /** What the feed's structure needs before the connector can read it. */
    List<String> structureNotes() {
        List<String> out = new ArrayList<>();
        if (!keyedBy.isEmpty()) {
            out.add("top-level object keyed by name (" + String.join(", ", keyedBy) + ", ...): each key holds an array of "
                    + "records; flatten to one record per array element and put the key in a field (e.g. \"name\":\""
                    + keyedBy.get(0) + "\") before feeding the connector");
        }
        for (String n : nested) {
            out.add(n + ": nested object, left out of the schema; flatten its fields into the record (e.g. "
                    + n + "_field) to keep them");
        }
        for (String a : arrays) {
            out.add(a + ": array value, left out of the schema");
        }
        return out;
    }
}
