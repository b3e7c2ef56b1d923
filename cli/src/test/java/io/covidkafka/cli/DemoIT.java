package io.covidkafka.cli;

import io.covidkafka.cli.demo.NextDayRows;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, end to end in this JVM: embedded broker, Connect worker with the plugin, Spark job
 * with {@code format("covid-kafka")} both ways, the next-day file dropped while it runs.
 */
class DemoIT {

    @Test
    void ingestsThePhacFeedAndANewFileAndShowsPerProvinceStatistics() throws Exception {
        List<String> nextDay = NextDayRows.after(CliRun.sharedPath(CliRun.PHAC));
        assertThat(nextDay).hasSize(5); // four provinces and one bad row
        assertThat(nextDay.get(4)).contains("not-a-number");

        CliRun run = CliRun.run("demo", "--seed-file", CliRun.shared(CliRun.PHAC), "--duration", "75s", "--refresh", "5s");

        assertThat(run.exit()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out).contains("Kafka      embedded KRaft broker at 127.0.0.1:")
                .contains("connector 'phac-feed' watching")
                .containsPattern("started in \\d+\\.\\d s")
                .contains(">> dropped ")
                .contains("demo stopped");
        // 1497 rows of the seed file, then four good next-day rows; the bad one went to the connector's dead letters
        assertThat(out).contains("rows ingested 1497, rejected by connector 0");
        String last = out.substring(out.lastIndexOf("== "));
        assertThat(last).contains("rows ingested 1501, rejected by connector 1, rejected by Spark 0");
        // the table: the latest full 7-day window per province, the next day included for the four provinces
        assertThat(last).containsPattern("Ontario\\s+2020-06-09 \\.\\. 2020-06-15\\s+\\d+\\.\\d\\s+32414\\s+2519");
        assertThat(last).containsPattern("Canada\\s+2020-06-08 \\.\\. 2020-06-14\\s+441\\.1\\s+98776\\s+8146\\s+259\\.9");
        assertThat(last).containsPattern("Nunavut\\s+2020-06-08 \\.\\. 2020-06-14");
    }
}
