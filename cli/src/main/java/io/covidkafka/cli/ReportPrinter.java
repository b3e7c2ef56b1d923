package io.covidkafka.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.covidkafka.schema.Rejection;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Prints a {@link ValidationReport} as a readable table or as one JSON object (stable keys, for scripts). */
final class ReportPrinter {
    private static final JsonFactory JSON = new JsonFactory();

    private ReportPrinter() {
    }

    static void text(ValidationReport r, PrintWriter out) {
        out.printf("%s: %,d records read, %,d accepted, %,d rejected, %,d bytes, %.2f s%n",
                r.input, r.records, r.accepted, r.rejected, r.bytes, r.nanos / 1e9);
        if (r.rejected == 0) {
            return;
        }
        out.printf("  %-16s %-18s %8s  %s%n", "FIELD", "REASON", "COUNT", "FIRST EXAMPLES (line, byte offset: value -> expected)");
        for (ValidationReport.Group g : r.groups()) {
            out.printf("  %-16s %-18s %,8d  ", g.field, g.reason, g.count);
            for (int i = 0; i < g.examples.size(); i++) {
                Rejection e = g.examples.get(i);
                out.printf("%sline %d, @%d: %s -> %s", i == 0 ? "" : "; ", e.line(), e.byteOffset(),
                        e.rawValue() == null ? "(none)" : "'" + e.rawValue() + "'",
                        e.expectedType() != null ? e.expectedType() : e.detail());
            }
            out.println();
        }
    }

    static String json(ValidationReport r) {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("input", r.input);
            g.writeNumberField("records", r.records);
            g.writeNumberField("accepted", r.accepted);
            g.writeNumberField("rejected", r.rejected);
            g.writeNumberField("bytes", r.bytes);
            g.writeNumberField("millis", r.nanos / 1_000_000);
            g.writeArrayFieldStart("reasons");
            for (ValidationReport.Group grp : r.groups()) {
                g.writeStartObject();
                g.writeStringField("field", grp.field);
                g.writeStringField("reason", grp.reason);
                g.writeNumberField("count", grp.count);
                g.writeArrayFieldStart("examples");
                for (Rejection e : grp.examples) {
                    g.writeStartObject();
                    g.writeNumberField("line", e.line());
                    g.writeNumberField("offset", e.byteOffset());
                    g.writeStringField("value", e.rawValue());
                    g.writeStringField("expected", e.expectedType());
                    g.writeStringField("detail", e.detail());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return sw.toString();
    }
}
