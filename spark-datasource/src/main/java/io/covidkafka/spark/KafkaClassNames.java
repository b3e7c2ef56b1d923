package io.covidkafka.spark;

import org.apache.kafka.common.KafkaException;

/**
 * Maps Kafka class names that users write in {@code kafka.*} options (a JAAS login module in
 * {@code kafka.sasl.jaas.config}, a {@code kafka.partitioner.class}, ...) onto the classes actually loaded.
 *
 * <p>WHY: the shaded jar relocates kafka-clients under {@code io.covidkafka.shaded.kafka} so it never clashes with
 * another kafka-clients on the cluster; a user who copies {@code org.apache.kafka.common.security.plain.PlainLoginModule}
 * from the Kafka docs would otherwise get a ClassNotFoundException. Unshaded (tests, IDE) this is the identity.
 */
final class KafkaClassNames {

    /**
     * {@code org.apache.kafka.}, built at run time: the shade plugin rewrites string constants that look like
     * relocated class names, and this one must stay the original.
     */
    static final String ORIGINAL_ROOT = String.join(".", "org", "apache", "kafka", "");

    /** The package root kafka-clients really has in this jar (relocated or not). */
    static final String ACTUAL_ROOT = actualRoot();

    private KafkaClassNames() {
    }

    private static String actualRoot() {
        String name = KafkaException.class.getName(); // relocated along with the class when shaded
        return name.substring(0, name.length() - "common.KafkaException".length());
    }

    static boolean relocated() {
        return !ORIGINAL_ROOT.equals(ACTUAL_ROOT);
    }

    /** The option value with every original Kafka package prefix mapped to the actual one. */
    static String map(String value) {
        if (value == null || !relocated()) {
            return value;
        }
        return value.replace(ORIGINAL_ROOT, ACTUAL_ROOT);
    }
}
