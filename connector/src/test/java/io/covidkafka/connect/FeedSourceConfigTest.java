package io.covidkafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedSourceConfigTest {

    @TempDir
    Path dir;

    Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("topic", "covid");
        m.put("input.path", dir.toString());
        return m;
    }

    @Test
    void everyKeyHasDocGroupAndValidatorOrBooleanType() {
        for (ConfigDef.ConfigKey k : FeedSourceConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(k.documentation).as(k.name + " doc").isNotBlank();
            assertThat(k.group).as(k.name + " group").isNotBlank();
            if (k.type != ConfigDef.Type.BOOLEAN && k.type != ConfigDef.Type.PASSWORD) {
                assertThat(k.validator).as(k.name + " validator").isNotNull();
            }
        }
        assertThat(FeedSourceConfig.CONFIG_DEF.names()).contains("schema", "field.mapping", "date.formats",
                "timestamp.formats", "field.formats", "null.values", "csv.delimiter", "csv.header", "csv.columns",
                "unknown.fields", "missing.fields", "max.record.bytes", "key.fields", "timestamp.field", "batch.size",
                "row.errors.policy", "row.errors.topic", "transaction.per", "cleanup.policy", "finished.path");
    }

    @Test
    void defaultsParseToTheCovidSchema() {
        FeedSourceConfig c = new FeedSourceConfig(base());
        assertThat(c.schema().names()).containsExactly("Date", "Province", "Confirmed", "Recovered", "Deaths", "NumberToday");
        assertThat(c.batchSize).isEqualTo(2000);
        assertThat(c.cleanupPolicy).isEqualTo(FeedSourceConfig.CleanupPolicy.NONE);
        assertThat(c.rowErrorsPolicy).isEqualTo(FeedSourceConfig.RowErrorsPolicy.FAIL);
        assertThat(c.parseOptions.nullValues()).contains("", "N/A", "null");
    }

    @Test
    void crossFieldErrorsLandOnTheSettingAtFault() {
        Map<String, String> m = base();
        m.put("input.path", dir.resolve("missing").toString());
        assertThat(errors(m, "input.path")).anyMatch(e -> e.contains("does not exist"));

        m = base();
        m.put("schema", "Date DATEX NOT NULL");
        assertThat(errors(m, "schema")).anyMatch(e -> e.contains("bad schema DDL"));

        m = base();
        m.put("field.mapping", "prname:Nowhere");
        assertThat(errors(m, "field.mapping")).anyMatch(e -> e.contains("Nowhere"));

        m = base();
        m.put("field.mapping", "garbage");
        assertThat(errors(m, "field.mapping")).isNotEmpty();

        m = base();
        m.put("input.format", "xml");
        assertThat(errors(m, "input.format")).isNotEmpty();

        m = base();
        m.put("key.fields", "Province,Nope");
        assertThat(errors(m, "key.fields")).anyMatch(e -> e.contains("Nope"));

        m = base();
        m.put("timestamp.field", "Province");
        assertThat(errors(m, "timestamp.field")).anyMatch(e -> e.contains("not DATE or TIMESTAMP"));

        m = base();
        m.put("row.errors.policy", "dlq");
        assertThat(errors(m, "row.errors.topic")).isNotEmpty();

        m = base();
        m.put("cleanup.policy", "move");
        assertThat(errors(m, "finished.path")).isNotEmpty();

        m = base();
        m.put("csv.delimiter", ";;");
        assertThat(errors(m, "csv.delimiter")).isNotEmpty();

        m = base();
        m.put("input.urls", "ftp://example.org/x.csv");
        assertThat(errors(m, "input.urls")).isNotEmpty();

        m = base();
        m.remove("input.path");
        assertThat(errors(m, "input.path")).anyMatch(e -> e.contains("input.urls"));
    }

    @Test
    void aValidConfigHasNoErrors() {
        Map<String, String> m = base();
        m.put("field.mapping", "phac");
        m.put("key.fields", "Province,Date");
        m.put("timestamp.field", "Date");
        m.put("input.urls", "https://example.org/covid19.csv");
        FeedSourceConfigChecks.validateAll(m).configValues()
                .forEach(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
    }

    @Test
    void constructorRejectsCrossFieldErrorsToo() {
        Map<String, String> m = base();
        m.put("key.fields", "Nope");
        assertThatThrownBy(() -> new FeedSourceConfig(m)).isInstanceOf(ConfigException.class).hasMessageContaining("Nope");
    }

    private static List<String> errors(Map<String, String> props, String key) {
        return FeedSourceConfigChecks.validateAll(props).configValues().stream()
                .filter(v -> v.name().equals(key)).findFirst().map(ConfigValue::errorMessages).orElseThrow();
    }
}
