package org.complaints.intake.complaint;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.complaints.intake.system.IntakeMetrics;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterLoadEvent;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Promises (OT-20, OT-21, §13.3) at intake's HTTP edge with a stepping clock: due time as a
 * duration or an instant, past due times refused, the sweep breaks each due promise exactly once
 * with two racing runners, counts it, and routing (WireMock) is told to notify the owner's
 * supervisor role; kept/broken per owner in the summary.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PromisesIT {

    static final WireMockServer routing = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-03-02T02:00:00Z"));
    static final AtomicLong complaintLoads = new AtomicLong();

    static {
        routing.start();
    }

    @DynamicPropertySource
    static void routingUrl(DynamicPropertyRegistry registry) {
        registry.add("complaints.services.routing.url", routing::baseUrl);
    }

    @AfterAll
    static void stop() {
        routing.stop();
    }

    @TestConfiguration
    static class SteppingTime {
        @Bean
        @Primary
        Clock steppingClock() {
            return new org.complaints.support.testing.SteppingClock(NOW::get);
        }

        @Bean
        AbstractMongoEventListener<Complaint> complaintLoadCounter() {
            return new AbstractMongoEventListener<>() {
                @Override
                public void onAfterLoad(AfterLoadEvent<Complaint> event) {
                    complaintLoads.incrementAndGet();
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PromiseSweep sweep;

    @Autowired
    PromiseDueBuckets buckets;

    @Autowired
    PromiseSettlements settlements;

    @Autowired
    ComplaintRepository repository;

    @Autowired
    IntakeMetrics metrics;

    @Autowired
    DeliveryRelay relay;

    @Autowired
    net.javacrumbs.shedlock.core.LockProvider locks;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void routingAnswers() {
        routing.resetAll();
        var resolutionDue = NOW.get().plus(Duration.ofHours(48));
        routing.stubFor(WireMock.post("/internal/v1/cases")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"caseId\":\"k-" + UUID.randomUUID()
                                + "\",\"state\":\"REGISTERED\",\"owner\":\"role:cs-supervisor\",\"department\":\"service\","
                                + "\"deadlines\":[{\"clock\":\"RESOLUTION\",\"dueAt\":\"" + resolutionDue
                                + "\",\"rule\":\"SLA-R1\"}]}")));
        routing.stubFor(WireMock.post("/internal/v1/notifications")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")));
    }

    @Test
    @DisplayName("OT-20: dueIn PT24H is 24 hours from the promise's time; the desk's supervisor is cs-supervisor")
    void durationIsCountedFromThePromisesTime() throws Exception {
        var id = complaint();
        var answer = promise(desk("ann"), id, Map.of("text", "Replacement delivered", "dueIn", "PT24H"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        var body = json(answer);
        assertThat(Instant.parse(body.get("dueAt").asText()))
                .isEqualTo(NOW.get().plus(Duration.ofHours(24)));
        assertThat(body.get("status").asText()).isEqualTo("OPEN");
        assertThat(body.get("owner").asText()).isEqualTo("ann");
        assertThat(body.get("supervisorRole").asText()).isEqualTo("cs-supervisor");
        assertThat(body.get("warnings")).isEmpty();
    }

    @Autowired
    org.complaints.support.tenant.TenantPolicies<org.complaints.intake.policy.IntakePolicy> policies;

    @Autowired
    Clock clock;

    @Test
    @DisplayName(
            "OT-20: a promise recorded while a case state from routing lands on the complaint is applied to the latest version, not refused")
    void aPromiseMeetingAConcurrentUpdateIsAppliedToTheLatestComplaint() throws Exception {
        var id = complaint();
        var concurrentWrites = new java.util.concurrent.atomic.AtomicInteger();
        // The first save of the handling finds the complaint changed meanwhile, as when routing's
        // relay records a case state between the staff member's read and write.
        var racing = (ComplaintRepository) java.lang.reflect.Proxy.newProxyInstance(
                ComplaintRepository.class.getClassLoader(),
                new Class<?>[] {ComplaintRepository.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("save") && concurrentWrites.getAndIncrement() == 0) {
                        mongo.updateFirst(
                                new org.springframework.data.mongodb.core.query.Query(
                                        org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                                .is(id)),
                                new org.springframework.data.mongodb.core.query.Update()
                                        .set("caseSequence", 7L)
                                        .inc("version", 1),
                                Complaint.class);
                    }
                    try {
                        return m.invoke(repository, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var handling = new ComplaintHandling(
                racing,
                buckets,
                settlements,
                policies,
                metrics,
                new org.complaints.support.text.TextLinter(org.complaints.support.tenant.TenantDirectory.load(null)),
                clock);
        var desk = new CallerIdentity(
                "ann",
                CallerIdentity.Kind.STAFF,
                "demo-retail",
                Set.of(),
                Set.of(),
                Set.of("service-desk"),
                Set.of(),
                "Staff");

        var recorded =
                handling.promise(desk, id, new ComplaintHandling.PromiseRequest("Call back", null, "PT3H", null));

        var stored = stored(id);
        assertThat(stored.promises)
                .extracting(Complaint.Promise::promiseId)
                .containsExactly(recorded.promise().promiseId());
        assertThat(stored.caseSequence).as("the concurrent change is kept").isEqualTo(7L);
        assertThat(concurrentWrites).as("saves: the refused one and the retry").hasValue(2);
    }

    @Test
    @DisplayName("OT-20: dueAt as an instant is kept as given")
    void instantIsKeptAsGiven() throws Exception {
        var id = complaint();
        var due = NOW.get().plus(Duration.ofHours(3));
        var answer = promise(desk("ann"), id, Map.of("text", "Call back", "dueAt", due.toString()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(Instant.parse(json(answer).get("dueAt").asText())).isEqualTo(due);
        assertThat(stored(id).promises).extracting(Complaint.Promise::dueAt).containsExactly(due);
    }

    @Test
    @DisplayName(
            "OT-20: a past due time, both or neither of dueAt/dueIn, a bad duration or no text → 422 naming the field; nothing stored")
    void badPromisesAreRefused() throws Exception {
        var id = complaint();
        var cases = new LinkedHashMap<String, Map<String, Object>>();
        cases.put(
                "dueAt", Map.of("text", "x", "dueAt", NOW.get().minusSeconds(1).toString()));
        cases.put("dueIn", Map.of("text", "x", "dueIn", "-PT1H"));
        cases.put("dueIn ", Map.of("text", "x", "dueIn", "tomorrow"));
        cases.put(
                "dueAt  ",
                Map.of(
                        "text",
                        "x",
                        "dueIn",
                        "PT1H",
                        "dueAt",
                        NOW.get().plusSeconds(60).toString()));
        cases.put("dueIn  ", Map.of("text", "x"));
        cases.put("text", Map.of("dueIn", "PT1H"));
        cases.put("text ", Map.of("text", " ", "dueIn", "PT1H"));
        for (var c : cases.entrySet()) {
            var answer = promise(desk("ann"), id, c.getValue());
            assertThat(answer.statusCode()).as(c.getKey() + answer.body()).isEqualTo(422);
            assertThat(answer.body()).contains("\"field\":\"" + c.getKey().strip() + "\"");
        }
        assertThat(stored(id).promises).isEmpty();
    }

    @Test
    @DisplayName("OT-20: a promise due after the case's resolution deadline is accepted with a warning naming it")
    void promiseAfterTheResolutionDeadlineWarns() throws Exception {
        var id = complaint();
        var answer = promise(desk("ann"), id, Map.of("text", "Refund", "dueIn", "PT72H"));
        assertThat(answer.statusCode()).isEqualTo(201);
        var warnings = json(answer).get("warnings");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("code").asText()).isEqualTo("promise-after-resolution-deadline");
        assertThat(warnings.get(0).get("field").asText()).isEqualTo("dueAt");
        assertThat(stored(id).promises).hasSize(1);
    }

    @Test
    @DisplayName("issue 12: a role outside the preset's PROMISE_CREATE list gets 403 and nothing is stored")
    void promiseNeedsAPermittedRole() throws Exception {
        var id = complaint();
        var answer = promise(staff("hq", "hq-executive"), id, Map.of("text", "x", "dueIn", "PT1H"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("service-desk");
        assertThat(stored(id).promises).isEmpty();
    }

    @Test
    @DisplayName(
            "OT-21: two racing sweeps break each due promise exactly once, count complaints_promises_broken_total once each, and leave kept and future ones alone")
    void twoRacingSweepsBreakEachPromiseOnce() throws Exception {
        quiet();
        var owner = "racer-" + UUID.randomUUID();
        var due = new ArrayList<String[]>();
        for (var i = 0; i < 6; i++) {
            var id = complaint();
            for (var j = 0; j < 2; j++) {
                var p = json(promise(desk(owner), id, Map.of("text", "Part ordered", "dueIn", "PT10M")));
                due.add(new String[] {id, p.get("promiseId").asText()});
            }
        }
        var keptComplaint = complaint();
        var kept = json(promise(desk(owner), keptComplaint, Map.of("text", "Call back", "dueIn", "PT5M")));
        var future = json(promise(desk(owner), keptComplaint, Map.of("text", "Visit", "dueIn", "PT2H")));
        assertThat(send(
                                desk(owner),
                                "/complaints/" + keptComplaint + "/promises/"
                                        + kept.get("promiseId").asText() + "/fulfilment",
                                Map.of("kept", true))
                        .statusCode())
                .isEqualTo(200);
        var before = broken("demo-retail");

        NOW.set(NOW.get().plus(Duration.ofMinutes(11)));
        var other = new PromiseSweep(buckets, settlements, repository, metrics, Clock.fixed(NOW.get(), ZoneOffset.UTC));
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(sweep::sweep);
            var b = pool.submit(other::sweep);
            assertThat(a.get() + b.get()).isEqualTo(12);
        }
        assertThat(sweep.sweep()).as("nothing left due").isZero();
        assertThat(broken("demo-retail") - before).isEqualTo(12.0);

        for (var d : due) {
            var c = stored(d[0]);
            assertThat(c.promises)
                    .filteredOn(p -> p.promiseId().equals(d[1]))
                    .extracting(Complaint.Promise::status)
                    .containsExactly("BROKEN");
            assertThat(c.deliveries)
                    .filteredOn(x -> x.eventId().equals("promise-broken:" + d[1]))
                    .hasSize(1);
        }
        assertThat(stored(keptComplaint).promises)
                .extracting(Complaint.Promise::status)
                .containsExactly("KEPT", "OPEN");
        assertThat(future.get("status").asText()).isEqualTo("OPEN");
        var late = send(
                desk(owner),
                "/complaints/" + due.getFirst()[0] + "/promises/" + due.getFirst()[1] + "/fulfilment",
                Map.of("kept", true));
        assertThat(late.statusCode())
                .as("a broken promise cannot be kept afterwards")
                .isEqualTo(409);
    }

    @Test
    @DisplayName(
            "ADR 0609: an idle promise sweep writes no cursor until it lags ten minutes, and still breaks what falls due")
    void anIdleSweepLeavesTheCursorUntilItLags() throws Exception {
        var id = complaint();
        json(promise(desk("idle"), id, Map.of("text", "Call back", "dueIn", "PT2H")));
        quiet(); // four days on: the cursor lags, the sweep moves it (a week per pass at most)
        var caughtUp = PromiseDueBuckets.minuteOf(NOW.get().minus(Duration.ofMinutes(2)));
        for (var pass = 0; pass < 100 && cursorNext() < caughtUp; pass++) {
            sweep.sweep();
        }
        var swept = cursorNext();
        assertThat(swept).isEqualTo(caughtUp);

        NOW.set(NOW.get().plus(Duration.ofMinutes(PromiseDueBuckets.IDLE_ADVANCE_MINUTES - 1)));
        assertThat(sweep.sweep()).isZero();
        assertThat(cursorNext()).as("lagging nine minutes: not written").isEqualTo(swept);

        var due = complaint();
        json(promise(desk("idle"), due, Map.of("text", "Call back", "dueIn", "PT1M")));
        NOW.set(NOW.get().plus(Duration.ofMinutes(2)));
        assertThat(sweep.sweep()).as("due behind a lagging cursor: broken").isEqualTo(1);
        assertThat(sweep.sweep()).as("read again, broken once").isZero();
        assertThat(cursorNext()).as("lagging eleven minutes: moved").isGreaterThan(swept);
    }

    private long cursorNext() {
        return ((Number) mongo.findById(PromiseDueBuckets.CURSOR, org.bson.Document.class, PromiseDueBuckets.COLLECTION)
                        .get("next"))
                .longValue();
    }

    @Test
    @DisplayName(
            "OT-21: the broken promise reaches routing's notifications once, addressed to the owner's supervisor role")
    void brokenPromiseNotifiesTheSupervisorRole() throws Exception {
        quiet();
        var id = complaint();
        var promiseId = json(promise(desk("ann"), id, Map.of("text", "Refund 200", "dueIn", "PT30M")))
                .get("promiseId")
                .asText();
        NOW.set(NOW.get().plus(Duration.ofMinutes(31)));
        assertThat(sweep.sweep()).isEqualTo(1);

        relay.relayDue(100);
        relay.relayDue(100);

        routing.verify(
                1,
                postRequestedFor(urlEqualTo("/internal/v1/notifications"))
                        .withRequestBody(matchingJsonPath("$.eventId", equalTo("promise-broken:" + promiseId)))
                        .withRequestBody(matchingJsonPath("$.role", equalTo("cs-supervisor")))
                        .withRequestBody(matchingJsonPath("$.kind", equalTo("PROMISE_BROKEN")))
                        .withRequestBody(matchingJsonPath("$.complaintId", equalTo(id)))
                        .withRequestBody(matchingJsonPath("$.site", equalTo("sh-xujiahui")))
                        .withRequestBody(matchingJsonPath("$.region", equalTo("east"))));
        var sent = routing.findAll(postRequestedFor(urlEqualTo("/internal/v1/notifications")))
                .getFirst()
                .getBodyAsString();
        assertThat(sent)
                .as("no promise text or customer data")
                .doesNotContain("Refund")
                .doesNotContain("李女士");
        assertThat(stored(id).deliveries).as("acknowledged, so removed").isEmpty();
    }

    @Test
    @DisplayName(
            "OT-21: the scheduled sweep runs under the single-runner lock: while another runner holds 'promise-sweep' it breaks nothing, then it does")
    void scheduledSweepRunsUnderTheSingleRunnerLock() throws Exception {
        quiet();
        var id = complaint();
        var promiseId = json(promise(desk("ann"), id, Map.of("text", "Call back", "dueIn", "PT1M")))
                .get("promiseId")
                .asText();
        var held = holdLock("promise-sweep");
        try {
            NOW.set(NOW.get().plus(Duration.ofMinutes(2)));
            sweep.scheduled();
            assertThat(status(id, promiseId))
                    .as("another runner holds the lock")
                    .isEqualTo("OPEN");
        } finally {
            held.unlock();
        }
        sweep.scheduled();
        assertThat(status(id, promiseId)).isEqualTo("BROKEN");
    }

    @Test
    @DisplayName("OT-21: the sweep loads only the complaints with due promises, not every complaint with a promise")
    void sweepLoadsOnlyDueComplaints() throws Exception {
        quiet();
        for (var i = 0; i < 15; i++) {
            promise(desk("ann"), complaint(), Map.of("text", "Later", "dueIn", "PT20H"));
        }
        var dueOne = complaint();
        promise(desk("ann"), dueOne, Map.of("text", "Soon", "dueIn", "PT1M"));
        NOW.set(NOW.get().plus(Duration.ofMinutes(2)));
        complaintLoads.set(0);
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(complaintLoads.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("OT-20/OT-21: the summary shows kept and broken promises per owner for the monthly report")
    void summaryShowsKeptAndBrokenPerOwner() throws Exception {
        quiet();
        var owner = "owner-" + UUID.randomUUID();
        var id = complaint();
        var keep = json(promise(desk(owner), id, Map.of("text", "Call back", "dueIn", "PT1H")));
        promise(desk(owner), id, Map.of("text", "Replace", "dueIn", "PT2H"));
        send(
                desk(owner),
                "/complaints/" + id + "/promises/" + keep.get("promiseId").asText() + "/fulfilment",
                Map.of("kept", true));
        NOW.set(NOW.get().plus(Duration.ofHours(2)).plusSeconds(1));
        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

        var summary = get(staff("sup", "cs-supervisor"), "/complaints/summary?month=2026-03");
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        var mine = json(summary).get("promises").get("byOwner").get(owner);
        assertThat(mine.get("kept").asLong()).isEqualTo(1);
        assertThat(mine.get("broken").asLong()).isEqualTo(1);
        var south = get(staff("south", "cs-supervisor", Set.of("south")), "/complaints/summary?month=2026-03");
        assertThat(json(south).get("promises").get("byOwner").has(owner))
                .as("another region does not see them")
                .isFalse();
    }

    @Test
    @DisplayName(
            "OT-02: filing a complaint linked to an earlier one answers with the earlier one's open promises and agreements; kept, broken and delivered ones are left out")
    void filingShowsTheEarlierOpenCommitments() throws Exception {
        var customer = "c-" + UUID.randomUUID();
        var first = json(file(partner(), ofCustomer(customer, "sh-xujiahui")))
                .get("id")
                .asText();
        var open = json(promise(desk("ann"), first, Map.of("text", "Replacement within 3 days", "dueIn", "PT72H")));
        var kept = json(promise(desk("ann"), first, Map.of("text", "Call back", "dueIn", "PT1H")));
        send(
                desk("ann"),
                "/complaints/" + first + "/promises/" + kept.get("promiseId").asText() + "/fulfilment",
                Map.of("kept", true));
        var agreementDue = NOW.get().plus(Duration.ofDays(5));
        assertThat(agreement(first, "agr-open-" + customer, "OPEN", agreementDue)
                        .statusCode())
                .isEqualTo(204);
        agreement(first, "agr-done-" + customer, "OPEN", agreementDue);
        agreement(first, "agr-done-" + customer, "DELIVERED", agreementDue);

        var filed = json(file(partner(), ofCustomer(customer, "sh-xujiahui")));

        assertThat(filed.get("linkedComplaints").toString()).contains(first);
        var items = filed.get("earlierCommitments");
        assertThat(items).as(items.toString()).hasSize(2);
        var promise = items.get(0);
        assertThat(promise.get("kind").asText()).isEqualTo("PROMISE");
        assertThat(promise.get("id").asText()).isEqualTo(open.get("promiseId").asText());
        assertThat(promise.get("complaintId").asText()).isEqualTo(first);
        assertThat(promise.get("description").asText()).isEqualTo("Replacement within 3 days");
        assertThat(promise.get("owner").asText()).isEqualTo("ann");
        assertThat(Instant.parse(promise.get("dueAt").asText()))
                .isEqualTo(Instant.parse(open.get("dueAt").asText()));
        var agreement = items.get(1);
        assertThat(agreement.get("kind").asText()).isEqualTo("AGREEMENT");
        assertThat(agreement.get("id").asText()).isEqualTo("agr-open-" + customer);
        assertThat(agreement.get("description").asText()).isEqualTo("VOUCHER 50.00 CNY");
        assertThat(Instant.parse(agreement.get("dueAt").asText())).isEqualTo(agreementDue);

        // the complaint view reads them now: the promise kept since is gone
        var second = filed.get("id").asText();
        send(
                desk("ann"),
                "/complaints/" + first + "/promises/" + open.get("promiseId").asText() + "/fulfilment",
                Map.of("kept", true));
        var view = json(get(desk("ann"), "/complaints/" + second));
        assertThat(view.get("earlierCommitments")).hasSize(1);
        assertThat(view.get("earlierCommitments").get(0).get("id").asText()).isEqualTo("agr-open-" + customer);
        var fresh = json(file(partner(), IntakeRulesIT.retailBody("COMPANY_HOTLINE")));
        assertThat(fresh.get("earlierCommitments"))
                .as("no links, nothing earlier")
                .isEmpty();
    }

    @Test
    @DisplayName(
            "OT-02: routing reads the open items by key; staff get 403 and another tenant's complaint is not found")
    void routingReadsTheOpenItems() throws Exception {
        var customer = "c-" + UUID.randomUUID();
        var first = json(file(partner(), ofCustomer(customer, "sh-xujiahui")))
                .get("id")
                .asText();
        var p = json(promise(desk("ann"), first, Map.of("text", "Refund", "dueIn", "PT24H")));
        var second = json(file(partner(), ofCustomer(customer, "sh-xujiahui")))
                .get("id")
                .asText();
        var path = "/internal/v1/complaints/" + second + "/earlier-commitments";

        var answer = get(system("routing-service"), path);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var items = json(answer).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("id").asText()).isEqualTo(p.get("promiseId").asText());
        assertThat(items.get(0).get("kind").asText()).isEqualTo("PROMISE");
        assertThat(items.get(0).get("complaintId").asText()).isEqualTo(first);
        assertThat(items.get(0).has("description")).as("ids and due times only").isFalse();

        assertThat(get(desk("ann"), path).statusCode()).isEqualTo(403);
        assertThat(get(tokens.sign(CallerIdentity.system("routing-service", "demo-dealer")), path)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "OT-02: an earlier complaint outside the reader's regions shows that a promise is open and when, not its words")
    void detailsOutsideTheScopeAreWithheld() throws Exception {
        var customer = "c-" + UUID.randomUUID();
        var south = json(file(partner(), ofCustomer(customer, "gz-tianhe")))
                .get("id")
                .asText();
        promise(
                staff("sam", "service-desk", Set.of("south")),
                south,
                Map.of("text", "Free delivery", "dueIn", "PT24H"));

        var filed = json(file(partner(Set.of("east")), ofCustomer(customer, "sh-xujiahui")));

        var item = filed.get("earlierCommitments").get(0);
        assertThat(item.get("complaintId").asText()).isEqualTo(south);
        assertThat(item.get("withheld").asBoolean()).isTrue();
        assertThat(item.get("description").isNull()).isTrue();
        assertThat(filed.toString()).doesNotContain("Free delivery");
    }

    @Test
    @DisplayName(
            "OT-02: the agreement mirror moves only forward (a late OPEN after DELIVERED changes nothing); bad events 400, staff 403, unknown 404")
    void agreementMirrorIsIdempotentAndGuarded() throws Exception {
        var id = complaint();
        var due = NOW.get().plus(Duration.ofDays(2));
        agreement(id, "agr-1", "DELIVERED", due);
        var version = stored(id).version;
        assertThat(agreement(id, "agr-1", "OPEN", due).statusCode()).isEqualTo(204);
        assertThat(agreement(id, "agr-1", "DELIVERED", due).statusCode()).isEqualTo(204);
        assertThat(stored(id).agreements)
                .extracting(Complaint.Agreement::status)
                .containsExactly("DELIVERED");
        assertThat(stored(id).version).as("replays change nothing").isEqualTo(version);

        var bad = send(
                system("compensation-service"),
                "/internal/v1/complaints/" + id + "/agreements",
                Map.of("eventId", "e-1", "agreementId", "agr-2", "caseId", "k-1", "status", "MAYBE"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"status\"");
        assertThat(send(
                                desk("ann"),
                                "/internal/v1/complaints/" + id + "/agreements",
                                agreementBody("agr-3", "OPEN", due))
                        .statusCode())
                .isEqualTo(403);
        assertThat(agreement("no-such", "agr-4", "OPEN", due).statusCode()).isEqualTo(404);
        assertThat(stored(id).agreements).hasSize(1);
    }

    // --- helpers

    /** Takes the named ShedLock lock as another replica would (retrying while a scheduled run holds it). */
    private net.javacrumbs.shedlock.core.SimpleLock holdLock(String name) throws InterruptedException {
        for (var attempt = 0; attempt < 100; attempt++) {
            var lock = locks.lock(new net.javacrumbs.shedlock.core.LockConfiguration(
                    Instant.now(), name, Duration.ofMinutes(5), Duration.ZERO));
            if (lock.isPresent()) {
                return lock.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("could not take lock " + name);
    }

    private String status(String complaintId, String promiseId) {
        return stored(complaintId).promises.stream()
                .filter(p -> p.promiseId().equals(promiseId))
                .map(Complaint.Promise::status)
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> ofCustomer(String customer, String site) {
        var body = IntakeRulesIT.retailBody("COMPANY_HOTLINE");
        body.put("customer", Map.of("id", customer, "name", "李女士", "phone", "13900000000"));
        body.put("site", site);
        return body;
    }

    private HttpResponse<String> agreement(String complaintId, String agreementId, String status, Instant due)
            throws Exception {
        return send(
                system("compensation-service"),
                "/internal/v1/complaints/" + complaintId + "/agreements",
                agreementBody(agreementId, status, due));
    }

    private Map<String, Object> agreementBody(String agreementId, String status, Instant due) {
        var body = new LinkedHashMap<String, Object>();
        body.put("eventId", "e-" + UUID.randomUUID());
        body.put("agreementId", agreementId);
        body.put("caseId", "k-1");
        body.put("kind", "VOUCHER");
        body.put("amount", "50.00");
        body.put("currency", "CNY");
        body.put("signedAt", NOW.get().toString());
        body.put("dueAt", due.toString());
        body.put("status", status);
        if (status.equals("DELIVERED")) {
            body.put("deliveredAt", NOW.get().toString());
        }
        return body;
    }

    private String system(String service) {
        return tokens.sign(CallerIdentity.system(service, "demo-retail"));
    }

    /** Moves past every promise earlier tests left open (all due within days) and breaks them. */
    private void quiet() {
        NOW.set(NOW.get().plus(Duration.ofDays(4)));
        sweep.sweep();
    }

    private double broken(String tenant) {
        return meters.get("complaints.promises.broken")
                .tag("tenant", tenant)
                .counter()
                .count();
    }

    private Complaint stored(String id) {
        return mongo.findById(id, Complaint.class);
    }

    private String complaint() throws Exception {
        return json(file(partner(), IntakeRulesIT.retailBody("COMPANY_HOTLINE")))
                .get("id")
                .asText();
    }

    /** Files the body and waits until routing (WireMock) acknowledged the case; the 201 answer. */
    private HttpResponse<String> file(String identity, Map<String, Object> body) throws Exception {
        var answer = send(identity, "/complaints", body, Map.of("Idempotency-Key", "k-" + UUID.randomUUID()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        var id = json(answer).get("id").asText();
        // On a loaded machine the inline hand-off may time out; the relay then opens the case.
        for (var attempt = 0;
                attempt < 10 && !"ROUTED".equals(stored(id).routing.status());
                attempt++) {
            NOW.set(NOW.get().plusSeconds(6));
            relay.relayDue(100);
            Thread.sleep(200);
        }
        assertThat(stored(id).routing.status()).isEqualTo("ROUTED");
        return answer;
    }

    private HttpResponse<String> promise(String identity, String id, Map<String, Object> body) throws Exception {
        return send(identity, "/complaints/" + id + "/promises", body);
    }

    private String desk(String subject) {
        return tokens.sign(new CallerIdentity(
                subject,
                CallerIdentity.Kind.STAFF,
                "demo-retail",
                Set.of("east"),
                Set.of(),
                Set.of("service-desk"),
                Set.of(),
                "Staff"));
    }

    private String staff(String subject, String role) {
        return staff(subject, role, Set.of());
    }

    private String staff(String subject, String role, Set<String> regions) {
        return tokens.sign(new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, "demo-retail", regions, Set.of(), Set.of(role), Set.of(), "Staff"));
    }

    private String partner() {
        return partner(Set.of());
    }

    private String partner(Set<String> regions) {
        return tokens.sign(new CallerIdentity(
                "key:test",
                CallerIdentity.Kind.PARTNER,
                "demo-retail",
                regions,
                Set.of(),
                Set.of("partner"),
                Set.of("complaints:write", "complaints:read"),
                "partner"));
    }

    private HttpResponse<String> send(String identity, String path, Object body) throws Exception {
        return send(identity, path, body, Map.of());
    }

    private HttpResponse<String> send(String identity, String path, Object body, Map<String, String> headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header(IdentityTokens.HEADER, identity);
        headers.forEach(request::header);
        return http.send(
                request.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String identity, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(IdentityTokens.HEADER, identity)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
