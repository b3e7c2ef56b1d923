package io.covidkafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordSchema;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class StructRowWriterTest {

    @Test
    void typesMapToConnectLogicalTypesAndOptionality() {
        RecordSchema rs = RecordSchema.parse("D DATE NOT NULL, T TIMESTAMP, N DECIMAL(10,2), I INT, B BIGINT, S STRING, F DOUBLE, X BOOLEAN");
        Schema s = ConnectSchemas.valueSchema(rs);
        assertThat(s.field("D").schema().name()).isEqualTo(Date.LOGICAL_NAME);
        assertThat(s.field("D").schema().isOptional()).isFalse();
        assertThat(s.field("T").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(s.field("N").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(s.field("N").schema().parameters()).containsEntry(Decimal.SCALE_FIELD, "2");
        assertThat(s.field("I").schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(s.field("B").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(s.field("B").schema().isOptional()).isTrue();

        ParseOptions o = ParseOptions.builder().schema(rs).build();
        String csv = "D,T,N,I,B,S,F,X\n2020-03-01,2020-03-01T12:30:00Z,12.5,7,9000000000,Québec,1.5,true\n";
        StructRowWriter w = new StructRowWriter(s);
        try (FeedReader r = FeedReader.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), o)) {
            assertThat(r.next(w)).isTrue();
            assertThat(r.rejection()).isNull();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Struct v = w.struct();
        v.validate();
        assertThat(Date.fromLogical(Date.SCHEMA, (java.util.Date) v.get("D"))).isEqualTo((int) LocalDate.of(2020, 3, 1).toEpochDay());
        assertThat(((java.util.Date) v.get("D")).getTime()).isEqualTo(LocalDate.of(2020, 3, 1).toEpochDay() * 86_400_000L);
        assertThat(((java.util.Date) v.get("T")).getTime()).isEqualTo(java.time.Instant.parse("2020-03-01T12:30:00Z").toEpochMilli());
        assertThat(v.get("N")).isEqualTo(new BigDecimal("12.50"));
        assertThat(v.get("I")).isEqualTo(7);
        assertThat(v.get("B")).isEqualTo(9_000_000_000L);
        assertThat(v.get("S")).isEqualTo("Québec");
        assertThat(v.get("X")).isEqualTo(true);
    }

    @Test
    void realPhacFeedBecomesValidStructs() throws Exception {
        ParseOptions o = ParseOptions.builder().mapping("phac").build();
        StructRowWriter w = new StructRowWriter(ConnectSchemas.valueSchema(o.schema()));
        List<Struct> rows = new ArrayList<>();
        int rejected = 0;
        try (InputStream in = Files.newInputStream(SharedData.phac()); FeedReader r = FeedReader.open(in, o)) {
            while (r.next(w)) {
                if (r.rejection() == null) {
                    w.struct().validate();
                    rows.add(w.struct());
                } else {
                    rejected++;
                }
            }
        }
        assertThat(rows.size() + rejected).isEqualTo(1497);
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).getString("Province")).isNotBlank();
        Struct key = ConnectSchemas.key(ConnectSchemas.keySchema(o.schema(), List.of("Province", "Date")), rows.get(0));
        assertThat(key.schema().fields()).hasSize(2);
        assertThat(key.get("Date")).isEqualTo(rows.get(0).get("Date"));
    }
}
