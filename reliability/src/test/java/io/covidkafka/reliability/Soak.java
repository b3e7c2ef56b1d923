package io.covidkafka.reliability;

/**
 * The CI and soak sizes of each scenario. CI runs the small ones (the whole module within ~8 minutes on 2 cores);
 * {@code mvn verify -pl reliability -am -Dsoak=true} runs the long ones.
 */
final class Soak {

    private Soak() {
    }

    static boolean enabled() {
        return Boolean.getBoolean("soak");
    }

    static int pick(int ci, int soak) {
        return enabled() ? soak : ci;
    }

    static long pick(long ci, long soak) {
        return enabled() ? soak : ci;
    }
}
