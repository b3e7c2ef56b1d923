package io.covidkafka.embedded;

import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs an {@link EmbeddedKafkaBroker} for a test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(
 *     EmbeddedKafkaBroker.builder().defaultPartitions(2).brokerProperty("message.max.bytes", "2097152"));
 *
 * @Test void roundTrip() {
 *     KAFKA.createTopic("cases");
 *     ... KAFKA.bootstrapServers() ...
 * }
 * }</pre>
 *
 * <p>In a {@code static} field one broker serves every test of the class (and of its {@code @Nested} classes) and
 * is closed after the class. In an instance field each test method gets its own broker.
 *
 * <p>Packaging choice: this class lives in the main jar of {@code covid-kafka-embedded}, with {@code junit-jupiter-api}
 * as an <em>optional</em> dependency. Other modules need only a test-scope dependency on {@code covid-kafka-embedded}
 * (their test classpath already has JUnit); the demo, which uses {@link EmbeddedKafkaBroker} at runtime, never loads
 * this class, so JUnit is not needed there.
 */
public final class KafkaBrokerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final EmbeddedKafkaBroker.Builder settings;
    private EmbeddedKafkaBroker broker;
    /** The JUnit context that started the broker: only its end stops it (nested classes call beforeAll again). */
    private String ownerContextId;

    public KafkaBrokerExtension() {
        this(EmbeddedKafkaBroker.builder());
    }

    /** Uses the given settings (extra broker properties, listeners, partition default) for the broker it starts. */
    public KafkaBrokerExtension(EmbeddedKafkaBroker.Builder settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfAbsent(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeIfOwner(context);
    }

    /** Only does something for an instance field, where JUnit never calls {@link #beforeAll}. */
    @Override
    public void beforeEach(ExtensionContext context) {
        startIfAbsent(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeIfOwner(context);
    }

    /** The running broker, e.g. to {@link EmbeddedKafkaBroker#restart()} it or to reach another listener. */
    public EmbeddedKafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException(
                "no broker: register KafkaBrokerExtension with @RegisterExtension and use it inside a test");
        }
        return broker;
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    public void createTopic(String name) {
        broker().createTopic(name);
    }

    public void createTopic(String name, int partitions) {
        broker().createTopic(name, partitions);
    }

    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        broker().createTopic(name, partitions, topicConfigs);
    }

    public void deleteTopic(String name) {
        broker().deleteTopic(name);
    }

    private void startIfAbsent(ExtensionContext context) {
        if (broker == null) {
            EmbeddedKafkaBroker started = settings.build();
            try {
                started.start();
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            broker = started;
            ownerContextId = context.getUniqueId();
        }
    }

    private void closeIfOwner(ExtensionContext context) {
        if (broker != null && context.getUniqueId().equals(ownerContextId)) {
            try {
                broker.close();
            } finally {
                broker = null;
                ownerContextId = null;
            }
        }
    }
}
