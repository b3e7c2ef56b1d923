package io.covidkafka.examples;

import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared command-line options and the examples/run entry point, without Spark or Kafka. */
class ExampleOptionsTest {

    @Test
    void triggersParseToSparkTriggers() {
        assertThat(TriggerSpec.parse("available-now").toTrigger()).isEqualTo(Trigger.AvailableNow());
        assertThat(TriggerSpec.parse("processing-time:2s").toTrigger()).isEqualTo(Trigger.ProcessingTime(2000));
        assertThat(TriggerSpec.parse("continuous:500ms").toTrigger()).isEqualTo(Trigger.Continuous(500));
        assertThat(TriggerSpec.parse("continuous").interval()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> TriggerSpec.parse("sometimes")).hasMessageContaining("available-now");
    }

    @Test
    void durationsAsPeopleTypeThem() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("90s");
    }

    @Test
    void optionsReachTheJob() {
        CovidTopicTransform job = Jobs.parse(new CovidTopicTransform(), "--bootstrap-servers", "h:1",
                "--trigger", "once", "--duration", "3s", "--output-topic", "out");
        assertThat(job.bootstrapServers).isEqualTo("h:1");
        assertThat(job.trigger.kind()).isEqualTo(TriggerSpec.Kind.ONCE);
        assertThat(job.duration).isEqualTo(Duration.ofSeconds(3));
        assertThat(job.inputTopic).isEqualTo("topic-a");
        assertThat(job.outputTopic).isEqualTo("out");
    }

    @Test
    void unknownOrMissingExampleNamesExitWithUsage() {
        assertThat(Examples.run()).isEqualTo(2);
        assertThat(Examples.run("no-such-example")).isEqualTo(2);
        assertThat(Examples.run("covid-transform", "--no-such-option")).isEqualTo(2);
        assertThat(Examples.run("word-count", "--help")).isZero();
    }
}
