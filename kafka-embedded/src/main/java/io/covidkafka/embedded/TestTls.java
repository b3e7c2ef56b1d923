package io.covidkafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away TLS identity for 127.0.0.1/localhost: a PKCS12 key store with a fresh self-signed RSA key and
 * certificate, and a PKCS12 trust store holding only that certificate. Made with the JDK's {@code keytool} in a
 * child process (no extra library), in about a second; meant for tests and the demo, never for production.
 *
 * <pre>{@code
 * TestTls tls = TestTls.create(dir);
 * EmbeddedKafkaBroker.builder().scramOverTls("SECURE", tls)...
 * // clients: ssl.truststore.location = tls.trustStore(), ssl.truststore.password = tls.password(), type PKCS12
 * }</pre>
 */
public final class TestTls {

    private final Path keyStore;
    private final Path trustStore;
    private final String password;

    private TestTls(Path keyStore, Path trustStore, String password) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
    }

    /** Creates {@code broker.p12}, {@code broker.cer} and {@code truststore.p12} in {@code dir}. */
    public static TestTls create(Path dir) {
        try {
            Files.createDirectories(dir);
            String password = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
            Path keyStore = dir.resolve("broker.p12");
            Path cert = dir.resolve("broker.cer");
            Path trustStore = dir.resolve("truststore.p12");
            for (Path p : List.of(keyStore, cert, trustStore)) {
                Files.deleteIfExists(p);
            }
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass", password,
                    "-rfc", "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
                    "-keystore", trustStore.toString(), "-storepass", password);
            return new TestTls(keyStore, trustStore, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running keytool", e);
        }
    }

    public Path keyStore() {
        return keyStore;
    }

    public Path trustStore() {
        return trustStore;
    }

    /** The password of both stores and of the key. */
    public String password() {
        return password;
    }

    /** Client settings that trust this certificate ({@code ssl.truststore.*}, PKCS12). */
    public Map<String, String> clientTrust() {
        return Map.of("ssl.truststore.location", trustStore.toString(), "ssl.truststore.password", password,
                "ssl.truststore.type", "PKCS12");
    }
}
