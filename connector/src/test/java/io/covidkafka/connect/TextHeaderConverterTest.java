package io.covidkafka.connect;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextHeaderConverterTest {

    /** Every value: the bytes Connect's default header converter writes, and it reads them back the same way. */
    @Test
    void writesExactlyWhatSimpleHeaderConverterWrites() {
        TextHeaderConverter text = new TextHeaderConverter();
        text.configure(Map.of());
        SimpleHeaderConverter simple = new SimpleHeaderConverter();
        simple.configure(Map.of());
        List<Object> values = List.of("/data/in/phac covid19.csv", "Québec ∑ \uD83D\uDE00", "", 0L, -1L, 9L, 10L,
                Long.MAX_VALUE, Long.MIN_VALUE, 123_456_789L, 42, Integer.MIN_VALUE, (short) -7, (byte) 3, true, 2.5,
                List.of(1, 2), Map.of("a", "b"), new byte[] {1, 2, 3}, ByteBuffer.wrap(new byte[] {4}));
        for (Object v : values) {
            Schema schema = v instanceof String ? Schema.STRING_SCHEMA : v instanceof Long ? Schema.INT64_SCHEMA : null;
            byte[] expected = simple.fromConnectHeader("t", "k", schema, v);
            byte[] got = text.fromConnectHeader("t", "k", schema, v);
            assertThat(got).as("%s", v).isEqualTo(expected);
            SchemaAndValue back = text.toConnectHeader("t", "k", got);
            assertThat(back).isEqualTo(simple.toConnectHeader("t", "k", expected));
        }
        assertThat(text.fromConnectHeader("t", "k", Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
    }

    /** The origin header repeats one String per file: converted once, and a new String is converted anew. */
    @Test
    void theLastStringIsConvertedOnceAndANewOneAgain() {
        TextHeaderConverter text = new TextHeaderConverter();
        String origin = "/data/a.csv";
        byte[] first = text.fromConnectHeader("t", "covidkafka.origin", Schema.STRING_SCHEMA, origin);
        assertThat(text.fromConnectHeader("t", "covidkafka.origin", Schema.STRING_SCHEMA, origin)).isSameAs(first);
        text.fromConnectHeader("t", "covidkafka.line", Schema.INT64_SCHEMA, 12L);
        assertThat(new String(text.fromConnectHeader("t", "covidkafka.origin", Schema.STRING_SCHEMA, "/data/b.csv"),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("/data/b.csv");
        // an equal but distinct String (e.g. after a restart) converts to equal bytes
        assertThat(text.fromConnectHeader("t", "covidkafka.origin", Schema.STRING_SCHEMA, new String(origin))).isEqualTo(first);
    }
}
