package io.covidkafka.cli;

import io.covidkafka.schema.Rejection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What validating one input found: counts, and rejections grouped by field and reason with first examples. */
final class ValidationReport {
    static final int EXAMPLES = 3;

    final String input;
    long records;
    long accepted;
    long rejected;
    long bytes;
    long nanos;
    private final Map<List<String>, Group> groups = new LinkedHashMap<>();

    ValidationReport(String input) {
        this.input = input;
    }

    /** Rejections of one field for one reason. */
    static final class Group {
        final String field;
        final String reason;
        long count;
        final List<Rejection> examples = new ArrayList<>(EXAMPLES);

        Group(String field, String reason) {
            this.field = field;
            this.reason = reason;
        }
    }

    void reject(Rejection r) {
        rejected++;
        String field = r.field() == null ? "(record)" : r.field();
        Group g = groups.computeIfAbsent(List.of(field, r.reason().name()), k -> new Group(field, r.reason().name()));
        g.count++;
        if (g.examples.size() < EXAMPLES) {
            g.examples.add(r);
        }
    }

    /** Groups, most frequent first; ties in the order they were first seen. */
    List<Group> groups() {
        List<Group> out = new ArrayList<>(groups.values());
        out.sort(Comparator.comparingLong((Group g) -> -g.count));
        return out;
    }

    Group group(String field, String reason) {
        return groups.values().stream().filter(g -> g.field.equals(field) && Objects.equals(g.reason, reason))
                .findFirst().orElse(null);
    }
}
