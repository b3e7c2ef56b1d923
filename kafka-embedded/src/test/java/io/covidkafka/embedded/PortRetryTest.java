package io.covidkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.Test;

class PortRetryTest {

    @Test
    void aPortTakenBeforeKafkaBindsItIsReplacedByANewOne() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // first attempt: controller gets a free port, the client listener gets the taken one
            Deque<Integer> handedOut = new ArrayDeque<>();
            handedOut.add(FreePorts.loopbackPort());
            handedOut.add(squatter.getLocalPort());
            try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder()
                    .portSource(() -> handedOut.isEmpty() ? FreePorts.loopbackPort() : handedOut.poll())
                    .build()) {
                kafka.start();

                assertThat(kafka.bootstrapServers()).isNotEqualTo("127.0.0.1:" + squatter.getLocalPort());
                kafka.createTopic("after-retry", 1);
            }
        }
    }
}
