package io.covidkafka.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The URIs of {@code bridge}, {@code produce} and {@code consume}: what they accept and how they say no. */
class BridgeArgumentsTest {

    @Test
    void sourcesParse(@TempDir Path dir) {
        assertThat(BridgeSource.parse("socket://localhost:9999")).isEqualTo(new BridgeSource.Socket("localhost", 9999));
        assertThat(BridgeSource.parse("rate://?rowsPerSecond=500")).isEqualTo(new BridgeSource.Rate(500, 2));
        assertThat(BridgeSource.parse("rate://?rowsPerSecond=5&numPartitions=4")).isEqualTo(new BridgeSource.Rate(5, 4));
        assertThat(BridgeSource.parse("rate://")).isEqualTo(new BridgeSource.Rate(100, 2));
        assertThat(BridgeSource.parse(dir.toUri().toString())).isEqualTo(new BridgeSource.Files(dir));
    }

    @Test
    void badSourcesSayWhatIsExpected(@TempDir Path dir) {
        assertThatThrownBy(() -> BridgeSource.parse("kafka://x:1/t")).hasMessageContaining("unsupported source")
                .hasMessageContaining("socket://HOST:PORT");
        assertThatThrownBy(() -> BridgeSource.parse("socket://localhost")).hasMessageContaining("needs a host and a port");
        assertThatThrownBy(() -> BridgeSource.parse("rate://?rowsPerSecond=-3")).hasMessageContaining("rowsPerSecond must be a positive");
        assertThatThrownBy(() -> BridgeSource.parse("rate://?rowsPerSec=3")).hasMessageContaining("unknown rate option(s) [rowsPerSec]");
        assertThatThrownBy(() -> BridgeSource.parse(dir.resolve("missing").toUri().toString())).hasMessageContaining("no such folder");
        assertThatThrownBy(() -> BridgeSource.parse("socket://bad host:1")).hasMessageContaining("is not a URI");
    }

    @Test
    void kafkaTargets() {
        assertThat(KafkaTarget.parse("--to", "kafka://h1:9092,h2:9093/covid-raw"))
                .isEqualTo(new KafkaTarget("h1:9092,h2:9093", "covid-raw"));
        assertThatThrownBy(() -> KafkaTarget.parse("--to", "localhost:9092/t")).hasMessageContaining("--to: 'localhost:9092/t' is not kafka://");
        assertThatThrownBy(() -> KafkaTarget.parse("--to", "kafka://localhost:9092")).hasMessageContaining("needs servers and one topic");
        assertThatThrownBy(() -> KafkaTarget.parse("--to", "kafka://localhost/t")).hasMessageContaining("'localhost' in");
        assertThatThrownBy(() -> KafkaTarget.parse("--to", "kafka://h:1/a b")).hasMessageContaining("not a legal topic name");
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        CliRun run = CliRun.run("bridge", "--from", "ftp://x/y", "--to", "kafka://127.0.0.1:9/t");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("covid-kafka bridge: --from: unsupported source 'ftp://x/y': " + BridgeSource.USAGE);
        CliRun schema = CliRun.run("bridge", "--from", "rate://", "--to", "kafka://127.0.0.1:9/t", "--schema", "Date DAET");
        assertThat(schema.exit()).isEqualTo(2);
        assertThat(schema.err()).contains("--schema").contains("DAET").doesNotContain("\tat ");
        CliRun missing = CliRun.run("consume");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--from=kafka://BOOTSTRAP/TOPIC'");
    }
}
