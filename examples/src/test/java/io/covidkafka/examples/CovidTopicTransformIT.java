package io.covidkafka.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import io.covidkafka.schema.CanonicalJsonWriter;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.TypedRow;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** topic-a -> transformation -> topic-b on the real PHAC feed, with one record that does not fit the schema. */
class CovidTopicTransformIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void transformsEveryProvinceRowAndDeadLettersTheBrokenOne(@TempDir Path dir) throws Exception {
        KAFKA.createTopic("topic-a", 2);
        KAFKA.createTopic("topic-b", 2);
        KAFKA.createTopic("topic-a-dlq", 1);
        List<TypedRow> rows = PhacFeed.rows();
        List<String> values = new ArrayList<>();
        CanonicalJsonWriter json = new CanonicalJsonWriter(RecordSchema.covid());
        for (TypedRow r : rows) {
            json.begin();
            for (int i = 0; i < r.values().length; i++) {
                copy(r, i, json);
            }
            values.add(new String(json.toBytes(), StandardCharsets.UTF_8));
        }
        values.add("{\"Date\":\"not a date\",\"Province\":\"Alberta\"}");
        TestTopics.produce(KAFKA.bootstrapServers(), "topic-a", values);

        Jobs.runToEnd(Jobs.parse(new CovidTopicTransform(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--trigger", "available-now", "--checkpoint", dir.resolve("cp").toString(),
                "--dead-letter-topic", "topic-a-dlq"));

        Map<String, TypedRow> expected = new HashMap<>();
        for (TypedRow r : rows) {
            if (!"Canada".equals(r.get(1))) {
                expected.put(r.get(1) + "/" + r.get(0), r);
            }
        }
        List<ConsumerRecord<byte[], byte[]>> out = TestTopics.readAll(KAFKA.bootstrapServers(), "topic-b");
        assertThat(out).hasSize(expected.size());
        for (ConsumerRecord<byte[], byte[]> rec : out) {
            JsonNode n = JSON.readTree(rec.value());
            TypedRow in = expected.get(n.get("Province").asText() + "/" + LocalDate.parse(n.get("Date").asText()));
            assertThat(in).as("output row %s matches an input row", n).isNotNull();
            assertThat(new String(rec.key(), StandardCharsets.UTF_8)).contains(n.get("Province").asText());
            Long confirmed = (Long) in.get(2);
            long active = confirmed - orZero(in.get(3)) - orZero(in.get(4));
            assertThat(n.get("Active").asLong()).isEqualTo(active);
            if (confirmed > 0 && in.get(4) != null) {
                assertThat(n.get("FatalityPercent").asDouble())
                        .isCloseTo(100.0 * (Long) in.get(4) / confirmed, org.assertj.core.data.Offset.offset(0.006));
            }
        }
        List<String> dead = TestTopics.values(TestTopics.readAll(KAFKA.bootstrapServers(), "topic-a-dlq"));
        assertThat(dead).containsExactly("{\"Date\":\"not a date\",\"Province\":\"Alberta\"}");
    }

    private static long orZero(Object v) {
        return v == null ? 0 : (Long) v;
    }

    private static void copy(TypedRow r, int i, CanonicalJsonWriter w) {
        Object v = r.get(i);
        if (v == null) {
            w.setNull(i);
        } else if (v instanceof LocalDate d) {
            w.setDate(i, (int) d.toEpochDay());
        } else if (v instanceof Long l) {
            w.setLong(i, l);
        } else {
            w.setString(i, v.toString());
        }
    }
}
