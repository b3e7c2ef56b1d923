package io.covidkafka.reliability;

import org.apache.kafka.common.utils.Exit;

/**
 * Kafka's brokers and Connect workers call {@code Exit.exit/halt} on fatal errors; inside a test JVM that would end
 * the whole failsafe run without a word. Installed by the in-process tests: the call is logged with its stack and
 * turned into an exception in the thread that made it.
 */
final class NoExit {

    private static boolean installed;

    private NoExit() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Exit.setExitProcedure((code, message) -> refuse("exit", code, message));
        Exit.setHaltProcedure((code, message) -> refuse("halt", code, message));
    }

    private static void refuse(String kind, int code, String message) {
        IllegalStateException e = new IllegalStateException("Kafka asked to " + kind + " the JVM with code " + code
                + ": " + message);
        e.printStackTrace();
        throw e;
    }
}
