package io.covidkafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowDigestTest {

    @Test
    void roundTripsAndRejectsGarbage() {
        Map<Long, Integer> m = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            m.put(RowDigest.hash64("key" + i), i * 31);
        }
        assertThat(RowDigest.decode(RowDigest.encode(m))).isEqualTo(m);
        assertThat(RowDigest.encode(m).length()).isLessThanOrEqualTo(1000 * 16 + 4);
        assertThatThrownBy(() -> RowDigest.decode("AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RowDigest.hash64("a")).isNotEqualTo(RowDigest.hash64("b"));
    }
}
