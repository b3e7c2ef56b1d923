package io.covidkafka.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CovidKafkaCliTest {

    @Test
    void versionAndHelpExitZero() {
        CliRun v = CliRun.run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("covid-kafka ");
        CliRun h = CliRun.run("--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("validate", "infer", "demo", "bridge", "produce", "consume");
    }

    @Test
    void placeholderCommandsSayNotBuiltYetAndExitTwo() {
        for (String cmd : new String[] {"demo", "bridge", "produce", "consume"}) {
            CliRun r = CliRun.run(cmd, "--anything", "x");
            assertThat(r.exit()).as(cmd).isEqualTo(2);
            assertThat(r.err()).as(cmd).contains("not built yet");
            assertThat(r.out()).as(cmd).isEmpty();
        }
    }

    @Test
    void noCommandOrUnknownCommandIsUsageError() {
        assertThat(CliRun.run().exit()).isEqualTo(2);
        CliRun r = CliRun.run("frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate");
    }
}
