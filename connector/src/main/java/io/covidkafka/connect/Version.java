package io.covidkafka.connect;

/** The plugin version, from the jar manifest (Implementation-Version) when packaged. */
final class Version {

    static final String VERSION = find();

    private Version() {
    }

    private static String find() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
