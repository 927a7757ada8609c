package org.complaints.gateway.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Complaint bodies as a partner system would send them. */
final class Complaints {

    private Complaints() {}

    static Map<String, Object> walkIn(String site, String content) {
        var body = new LinkedHashMap<String, Object>();
        body.put("channel", "WALK_IN");
        body.put("site", site);
        body.put(
                "customer",
                Map.of(
                        "id", "cust-" + UUID.randomUUID(),
                        "name", "王先生",
                        "phone", "13800138000"));
        body.put(
                "vehicle",
                Map.of("vin", "LSVAA4180E2" + (100000 + (int) (Math.random() * 800000)), "plate", "沪A12345"));
        body.put("category", Map.of("subjectType", "PRODUCT_QUALITY", "responsibleDomain", "TECHNICAL"));
        body.put("content", content);
        body.put("flags", List.of());
        return body;
    }

    static Map<String, Object> without(Map<String, Object> body, String field) {
        var copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    static String key() {
        return "idem-" + UUID.randomUUID();
    }
}
