package io.covidkafka.bench;

/** A named way of doing the benchmark's job; {@link #run(int)} does it once, timed, and says how many rows moved. */
interface Variant {

    String name();

    /** One run; {@code round} is unique per call so a variant can use a fresh topic or connector name. */
    Trial run(int round) throws Exception;

    static Variant of(String name, Body body) {
        return new Variant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Trial run(int round) throws Exception {
                return body.run(round);
            }
        };
    }

    @FunctionalInterface
    interface Body {
        Trial run(int round) throws Exception;
    }
}
