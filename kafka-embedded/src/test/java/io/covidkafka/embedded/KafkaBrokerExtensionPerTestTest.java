package io.covidkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In an instance field the extension gives every test method a broker of its own and closes it afterwards. */
class KafkaBrokerExtensionPerTestTest {

    private static final List<EmbeddedKafkaBroker> SEEN = new ArrayList<>();

    @RegisterExtension
    final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void first() {
        SEEN.add(kafka.broker());
        assertThat(kafka.broker().isRunning()).isTrue();
    }

    @Test
    void second() {
        SEEN.add(kafka.broker());
        assertThat(kafka.broker().isRunning()).isTrue();
    }

    @AfterAll
    static void eachTestHadItsOwnBrokerAndAllWereClosed() {
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
        assertThat(SEEN).noneMatch(EmbeddedKafkaBroker::isRunning);
        assertThat(SEEN).allMatch(broker -> broker.logDir() == null);
    }
}
