package io.covidkafka.cli;

/** {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC}: a topic on a Kafka cluster. */
record KafkaTarget(String bootstrapServers, String topic) {

    static KafkaTarget parse(String option, String text) {
        String t = text.trim();
        if (!t.regionMatches(true, 0, "kafka://", 0, 8)) {
            throw new UsageException(option + ": '" + text + "' is not kafka://HOST:PORT/TOPIC");
        }
        String rest = t.substring(8);
        int slash = rest.indexOf('/');
        String servers = slash < 0 ? rest : rest.substring(0, slash);
        String topic = slash < 0 ? "" : rest.substring(slash + 1);
        if (servers.isEmpty() || topic.isEmpty() || topic.contains("/")) {
            throw new UsageException(option + ": '" + text + "' needs servers and one topic: kafka://HOST:PORT/TOPIC");
        }
        for (String server : servers.split(",")) {
            int colon = server.lastIndexOf(':');
            if (colon <= 0 || colon == server.length() - 1 || !server.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new UsageException(option + ": '" + server + "' in '" + text + "' is not HOST:PORT");
            }
        }
        if (!topic.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') || topic.length() > 249) {
            throw new UsageException(option + ": '" + topic + "' is not a legal topic name (letters, digits, . _ -)");
        }
        return new KafkaTarget(servers, topic);
    }
}
