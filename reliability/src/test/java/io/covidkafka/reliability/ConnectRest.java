package io.covidkafka.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** The few Connect REST calls the suite needs, over plain HTTP, so it works for in-process and child workers alike. */
final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConnectRest(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /** Status code and body of a request; status -1 when the worker could not be reached. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    Reply call(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void putConnector(String name, Map<String, String> config) {
        Reply r = call("PUT", "/connectors/" + name + "/config", config);
        if (r.status() != 200 && r.status() != 201) {
            throw new IllegalStateException("PUT connector " + name + " -> " + r);
        }
    }

    void deleteConnector(String name) {
        call("DELETE", "/connectors/" + name, null);
    }

    Reply connectorConfig(String name) {
        return call("GET", "/connectors/" + name + "/config", null);
    }

    Reply status(String name) {
        return call("GET", "/connectors/" + name + "/status", null);
    }

    /** Waits until the worker answers its root resource. */
    void awaitUp(Duration timeout) {
        await(timeout, "worker REST at " + base, () -> call("GET", "/", null).status() == 200);
    }

    /** Waits until task 0 of the connector reaches {@code state} (RUNNING, FAILED...); returns its status. */
    JsonNode awaitTask(String name, String state, Duration timeout) {
        JsonNode[] last = new JsonNode[1];
        await(timeout, "task 0 of " + name + " to be " + state + " (last status " + (last[0]) + ")", () -> {
            Reply r = status(name);
            if (r.status() != 200) {
                return false;
            }
            last[0] = r.json();
            JsonNode tasks = last[0].path("tasks");
            return tasks.size() > 0 && state.equals(tasks.get(0).path("state").asText());
        });
        return last[0];
    }

    void restartTask(String name, int task) {
        call("POST", "/connectors/" + name + "/tasks/" + task + "/restart", null);
    }

    static void await(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    static <T> Predicate<T> always() {
        return t -> true;
    }
}
