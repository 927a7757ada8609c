package org.complaints.gateway.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Polls a read through the gateway until the answer shows what a relay, sweep or timer is expected
 * to have done. The bound is generous (a loaded machine), never an assertion about how fast.
 */
final class Await {

    static final Duration BOUND = Duration.ofSeconds(Long.getLong("e2e.await-seconds", 60));

    private Await() {}

    static JsonNode until(Api api, String path, Predicate<JsonNode> done) throws Exception {
        var deadline = Instant.now().plus(BOUND);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            var answer = api.get(path);
            if (answer.status() == 200) {
                last = answer.json();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError(path + " did not reach the expected state: " + last);
    }

    /** The first item of {@code items} that matches, once one does. */
    static JsonNode item(Api api, String path, Predicate<JsonNode> match) throws Exception {
        var page = until(api, path, p -> first(p, match) != null);
        return first(page, match);
    }

    private static JsonNode first(JsonNode page, Predicate<JsonNode> match) {
        for (var item : page.get("items")) {
            if (match.test(item)) {
                return item;
            }
        }
        return null;
    }

    static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
