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
    void everyCommandHasHelpAndRejectsUnknownOptions() {
        for (String cmd : new String[] {"validate", "infer", "demo", "bridge", "produce", "consume"}) {
            CliRun help = CliRun.run(cmd, "--help");
            assertThat(help.exit()).as(cmd).isZero();
            assertThat(help.out()).as(cmd).contains("Usage: covid-kafka " + cmd);
            CliRun r = CliRun.run(cmd, "--anything", "x");
            assertThat(r.exit()).as(cmd).isEqualTo(2);
            assertThat(r.err()).as(cmd).containsAnyOf("Unknown option", "Missing required option").contains("Usage:");
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
