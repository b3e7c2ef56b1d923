package io.covidkafka.spark;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Options read the way the connector reads the same settings. */
class CovidKafkaOptionsTest {

    @Test
    void nullValuesAreReadAsTheConnectorReadsNullValues() {
        CovidKafkaOptions quoted = new CovidKafkaOptions(Map.of("nullValues", "\"\", N/A"), null);
        assertThat(quoted.parseOptions().nullValues()).containsExactly("", "N/A");
        CovidKafkaOptions empty = new CovidKafkaOptions(Map.of("nullValues", ",-"), null);
        assertThat(empty.parseOptions().nullValues()).containsExactly("", "-");
        CovidKafkaOptions none = new CovidKafkaOptions(Map.of("nullValues", "NA"), null);
        assertThat(none.parseOptions().nullValues()).containsExactly("NA");
    }
}
