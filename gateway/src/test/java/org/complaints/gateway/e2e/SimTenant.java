package org.complaints.gateway.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One preset's tenant of {@link LifecycleAcrossServicesIT} (e2e-tenants.yml: the preset's clock
 * rules cut to seconds): where its complaints are filed, through which channels, and the amounts
 * its proposer may approve alone or must hand to an approver (the preset's authority matrix).
 *
 * @param followUpsPerRound the follow-ups the preset plans per resolution (with or without rework)
 */
record SimTenant(
        String tenant,
        String preset,
        String site,
        List<String> channels,
        String withinAuthority,
        String aboveAuthority,
        int followUpsPerRound) {

    /** The administrator (every role of the preset) and the proposer (lowest approval rung) of this tenant. */
    record Callers(Api admin, Api proposer) {}

    static List<SimTenant> all() {
        return List.of(
                new SimTenant(
                        "sim-dealer",
                        "dealer",
                        "simd-store",
                        List.of("WALK_IN", "SERVICE_ADVISOR_RECEPTION", "BRAND_HOTLINE_400", "MEDIA"),
                        "80",
                        "150",
                        1),
                new SimTenant(
                        "sim-retail",
                        "retail",
                        "simr-store",
                        List.of("COMPANY_HOTLINE", "STORE_SERVICE_DESK", "WALK_IN", "PHONE"),
                        "80",
                        "250",
                        1),
                new SimTenant(
                        "sim-generic",
                        "generic",
                        "simg-counter",
                        List.of("PHONE", "EMAIL", "WALK_IN"),
                        "80",
                        "300",
                        2));
    }

    Callers callers(RunningSuite suite) throws Exception {
        return new Callers(Api.staff(suite, tenant + ".admin"), Api.staff(suite, tenant + ".proposer"));
    }

    /**
     * A complaint with what every channel of the preset makes mandatory, its level decided by the
     * stated facts (CL-02: none → general, service need only, a deadline → urgent, injury → major),
     * and {@code product} as its product (SKU, or VIN for the dealer), shared only by a group incident.
     */
    Map<String, Object> complaint(Random random, String product, String note) {
        var body = new LinkedHashMap<String, Object>();
        var channel = channels.get(random.nextInt(channels.size()));
        body.put("channel", channel);
        body.put("site", site);
        body.put("customer", Map.of("id", "sim-" + note, "name", "模拟客户", "phone", "13900000000"));
        body.put("content", "模拟投诉 " + note);
        body.put("demand", Map.of("kind", "APOLOGY", "text", "要求道歉"));
        var r = random.nextInt(10);
        body.put(
                "circumstances",
                r < 5
                        ? List.of()
                        : r < 7
                                ? List.of("SERVICE_NEED_ONLY")
                                : r < 9 ? List.of("DEADLINE_DEMANDED") : List.of("PERSONAL_INJURY"));
        if (preset.equals("dealer")) {
            body.put("vehicle", Map.of("vin", product, "plate", "沪A00000"));
            body.put(
                    "category",
                    Map.of(
                            "subjectType",
                            "PRODUCT_QUALITY",
                            "responsibleDomain",
                            List.of("TECHNICAL", "SERVICE", "PARTS").get(random.nextInt(3))));
            if (channel.equals("BRAND_HOTLINE_400")) {
                body.put("brandTicketNumber", "SVW-400-" + product);
            }
        } else {
            body.put("product", Map.of("sku", product, "name", "模拟商品"));
        }
        return body;
    }
}
