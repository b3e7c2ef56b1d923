package io.covidkafka.connect;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileOffsetsTest {

    private static Map<String, Object> sample() {
        return FileOffsets.offset(4_096L, 37L, 991L, 1_024L, 123_456_789L, 3_990L, 106L);
    }

    private static Map<String, Object> asPlainMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", 4_096L);
        m.put("line", 37L);
        m.put("head", 991L);
        m.put("headLen", 1_024L);
        m.put("check", 123_456_789L);
        m.put("checkAt", 3_990L);
        m.put("checkLen", 106L);
        return m;
    }

    @Test
    void aRecordOffsetIsAMapOfItsSevenEntries() {
        Map<String, Object> offset = sample();
        assertThat(offset).isEqualTo(asPlainMap()).hasSameHashCodeAs(asPlainMap()).hasSize(7);
        assertThat(new HashMap<>(asPlainMap())).isEqualTo(offset);
        assertThat(offset.get("position")).isEqualTo(4_096L);
        assertThat(offset.get("nope")).isNull();
        assertThat(offset.get(7)).isNull();
        assertThat(offset).containsKey("checkLen").doesNotContainKey("file");
        assertThatThrownBy(() -> offset.put("position", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    /** The worker stores offsets with its internal JsonConverter (schemas off): the same JSON as a plain map. */
    @Test
    void theWorkerSerialisesItAsAPlainMapAndItParsesBack() {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        byte[] ours = json.fromConnectData("connect-offsets", null, sample());
        assertThat(ours).isEqualTo(json.fromConnectData("connect-offsets", null, asPlainMap()));
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) json.toConnectData("connect-offsets", ours).value();
        assertThat(FileOffsets.parse(stored)).isEqualTo(FileOffsets.parse(sample()))
                .isEqualTo(new FileOffsets.Stored(4_096, 37, 991, 1_024, 123_456_789, 3_990, 106));
        org.apache.kafka.connect.storage.OffsetUtils.validateFormat(sample());
    }
}
