package org.complaints.compensation.remedy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running compensation-service (shared Spring context) with routing stubbed by WireMock, and
 * the HTTP and identity helpers its ITs share. The stubbed case view pins routing's contract.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class CompensationTestSupport {

    static final WireMockServer routing = new WireMockServer(wireMockConfig().dynamicPort());
    /** Intake's agreement mirror (OT-02); answers 204 unless a test says otherwise. */
    static final WireMockServer intake = new WireMockServer(wireMockConfig().dynamicPort());

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String EVENTS = "/internal/v1/cases/.*/events";
    static final String NOTIFICATIONS = "/internal/v1/notifications";
    private static boolean warm;

    static {
        routing.start();
        intake.start();
        Runtime.getRuntime().addShutdownHook(new Thread(routing::stop));
        Runtime.getRuntime().addShutdownHook(new Thread(intake::stop));
    }

    @DynamicPropertySource
    static void routingUrl(DynamicPropertyRegistry registry) {
        registry.add("complaints.services.routing.url", routing::baseUrl);
        registry.add("complaints.services.intake.url", intake::baseUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    DeliveryRelay relay;

    @Autowired
    CircuitBreakerRegistry breakers;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void routingAnswers() throws Exception {
        routing.resetAll();
        intake.resetAll();
        intake.stubFor(post(urlPathMatching("/internal/v1/complaints/.*/agreements"))
                .willReturn(aResponse().withStatus(204)));
        breakers.circuitBreaker("routing-service").reset();
        caseInState("RESPONDED");
        routing.stubFor(post(urlPathMatching(EVENTS))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        routing.stubFor(
                post(NOTIFICATIONS).willReturn(aResponse().withStatus(201).withBody("{}")));
        if (!warm) {
            // the first Feign call initialises the HTTP client and breaker, slow on a loaded machine
            warm = true;
            read(staff("warm-up", "cs-manager"), "/compensations?caseId=none");
            for (var i = 0; i < 10; i++) {
                if (propose(staff("warm-up", "cs-specialist"), "warm-up", List.of(option("VOUCHER", "1")))
                                .statusCode()
                        == 404) {
                    break;
                }
                breakers.circuitBreaker("routing-service").reset();
            }
            routing.resetRequests();
            breakers.circuitBreaker("routing-service").reset();
        }
    }

    void caseInState(String state) {
        caseInState("k-1", state, "cd-counter-1", "west", null);
    }

    void caseInState(String state, String site, String region) {
        caseInState("k-1", state, site, region, null);
    }

    /** The case view; {@code allowedActions} null leaves the field out (routing before issue 10). */
    void caseInState(String caseId, String state, String site, String region, List<String> allowedActions) {
        caseInState(caseId, null, state, site, region, allowedActions);
    }

    /** The case view naming its complaint ({@code complaintId} null leaves it out, as older routing). */
    void caseInState(
            String caseId, String complaintId, String state, String site, String region, List<String> allowedActions) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("caseId", caseId);
        if (complaintId != null) {
            body.put("complaintId", complaintId);
        }
        body.put("tenant", "demo-generic");
        body.put("region", region);
        body.put("site", site);
        body.put("state", state);
        if (allowedActions != null) {
            body.put("allowedActions", allowedActions);
            body.put("round", 1);
        }
        routing.stubFor(get("/cases/" + caseId)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(JSON.writeValueAsString(body))));
    }

    String pendingCashOption(String proposer) throws Exception {
        return json(propose(staff(proposer, "cs-specialist"), List.of(option("MONETARY_COMPENSATION", "500"))))
                .get("compensationId")
                .asText();
    }

    String optionId(String compensationId, int index) throws Exception {
        return view(compensationId).get("options").get(index).get("optionId").asText();
    }

    String status(String compensationId, int index) throws Exception {
        return view(compensationId).get("options").get(index).get("status").asText();
    }

    JsonNode view(String compensationId) throws Exception {
        return json(read(staff("reader", "general-manager"), "/compensations/" + compensationId));
    }

    static Map<String, Object> option(String kind, String amount) {
        return Map.of(
                "kind", kind, "amount", Map.of("amount", amount, "currency", "CNY"), "rationale", "service recovery");
    }

    HttpResponse<String> propose(String identity, List<Map<String, Object>> options) throws Exception {
        return propose(identity, "k-1", options);
    }

    HttpResponse<String> propose(String identity, String caseId, List<Map<String, Object>> options) throws Exception {
        return postJson(
                identity,
                "/compensations",
                Map.of("caseId", caseId, "options", options, "customerRef", "id:c-" + UUID.randomUUID()));
    }

    HttpResponse<String> decide(String identity, String id, String optionId, String decision, String amount)
            throws Exception {
        var body = new java.util.HashMap<String, Object>(
                Map.of("optionId", optionId, "decision", decision, "reason", "checked"));
        if (amount != null) {
            body.put("amount", Map.of("amount", amount, "currency", "CNY"));
        }
        return postJson(identity, "/compensations/" + id + "/approvals", body);
    }

    String staff(String subject, String role) {
        return staff(subject, role, Set.of(), Set.of());
    }

    String staff(String subject, String role, Set<String> regions, Set<String> sites) {
        return tokens.sign(new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, "demo-generic", regions, sites, Set.of(role), Set.of(), subject));
    }

    HttpResponse<String> postJson(String identity, String path, Object body) throws Exception {
        return send(identity, path, "POST", JSON.writeValueAsString(body));
    }

    HttpResponse<String> put(String identity, String path, Object body) throws Exception {
        return send(identity, path, "PUT", JSON.writeValueAsString(body));
    }

    HttpResponse<String> send(String identity, String path, String method, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header(IdentityTokens.HEADER, identity)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> read(String identity, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(IdentityTokens.HEADER, identity)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
