package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.complaints.client.ApiClient;
import org.complaints.client.ApiException;
import org.complaints.client.api.CaseStepsApi;
import org.complaints.client.api.CasesApi;
import org.complaints.client.api.CompensationsApi;
import org.complaints.client.api.ComplaintsApi;
import org.complaints.client.api.FollowUpsApi;
import org.complaints.client.api.ReferenceApi;
import org.complaints.client.api.ReportsApi;
import org.complaints.client.model.AmountInput;
import org.complaints.client.model.CaseResolutionInput;
import org.complaints.client.model.CaseStepNote;
import org.complaints.client.model.CaseView;
import org.complaints.client.model.ComplaintDemand;
import org.complaints.client.model.CustomerConsentRequest;
import org.complaints.client.model.DecideOptionRequest;
import org.complaints.client.model.FileComplaintRequest;
import org.complaints.client.model.LongTermMeasure;
import org.complaints.client.model.ProposeCompensationRequest;
import org.complaints.client.model.RecordContactRequest;
import org.complaints.client.model.RecordOutcomeRequest;
import org.complaints.client.model.RemedyDeliveryRequest;
import org.complaints.client.model.RemedyOptionInput;
import org.complaints.client.model.ResolveCaseRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13's acceptance (ADR 0284): the document the running suite serves is the checked-in
 * {@code docs/openapi.json}, and the Java client openapi-generator builds from that file (in this
 * module's build, validation on) is all a partner needs: a complaint's whole life through the
 * gateway, with no hand-written HTTP call but the development issuer's staff tokens.
 */
class GeneratedClientIT {

    static final Path DOCUMENT =
            Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("openapi.json");
    static final Duration EVENTUAL = Duration.ofSeconds(Long.getLong("e2e.await-seconds", 60));
    static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName("the suite serves docs/openapi.json (-Dopenapi.write=true writes the served one there)")
    void servedDocumentIsTheCheckedInOne() throws Exception {
        // A service builds its document on the first request; on a busy machine that can take
        // longer than the gateway waits, and the gateway then lists it under x-unavailable.
        var served = await(
                () -> JSON.readTree(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(suite.gateway() + "/api/v1/openapi.json"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body()),
                document -> document.path("x-unavailable").isEmpty(),
                "every service's document");
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(DOCUMENT, JSON.writeValueAsString(served) + "\n");
        }
        JsonNode checkedIn = JSON.readTree(Files.readString(DOCUMENT));
        assertThat(served)
                .as(
                        "the served API document differs from %s: regenerate it with"
                                + " ./mvnw verify -pl gateway -Dit.test=GeneratedClientIT -Dopenapi.write=true"
                                + " (after packaging the services), review the diff and commit it",
                        DOCUMENT)
                .isEqualTo(checkedIn);
    }

    @Test
    @DisplayName(
            "a partner files and replays, lists and reads; staff take the steps, a remedy, the follow-up; the report")
    void complaintLifeThroughTheGeneratedClient() throws Exception {
        var partner = client("X-Api-Key", "demo-generic-hotline-key");
        var agent = staff("generic.agent");
        var manager = staff("generic.manager");

        // The first call of each service also warms it up (the suite may have just started).
        var reference =
                await(() -> new ReferenceApi(partner).getComplaintReference(), r -> true, "the complaint reference");
        await(() -> new ReferenceApi(partner).getCaseReference(), r -> true, "the case reference");
        await(() -> new ReferenceApi(partner).getCompensationReference(), r -> true, "the remedy reference");
        await(() -> new ReferenceApi(partner).getFollowUpReference(), r -> true, "the follow-up reference");
        assertThat(reference.getChannels())
                .anySatisfy(c -> assertThat(c.getChannel().getValue()).isEqualTo("PHONE"));

        // File, and replay: same Idempotency-Key and body answer the first result with 200.
        var complaints = new ComplaintsApi(partner);
        var key = "gen-" + UUID.randomUUID();
        var body = new FileComplaintRequest()
                .channel(FileComplaintRequest.ChannelEnum.PHONE)
                .site("cd-counter-1")
                .customer(new org.complaints.client.model.Customer()
                        .id("gen-" + UUID.randomUUID())
                        .name("陈女士")
                        .phone("13600000000"))
                .content("办理业务等待两小时")
                .demand(new ComplaintDemand().kind("MONETARY_COMPENSATION").text("要求道歉并补偿"));
        var attempts = new java.util.concurrent.atomic.AtomicInteger();
        var filed = await(
                () -> {
                    attempts.incrementAndGet();
                    return complaints.fileComplaintWithHttpInfo(key, body);
                },
                answer -> true,
                "the filed complaint");
        if (attempts.get() == 1) {
            assertThat(filed.getStatusCode()).isEqualTo(201);
        } else {
            // Retried after a gateway timeout, which is what the key is for: filed now, or replayed.
            assertThat(filed.getStatusCode()).isIn(200, 201);
        }
        var complaintId = filed.getData().getId();
        assertThat(filed.getHeaders().get("location")).containsExactly("/complaints/" + complaintId);
        var replay = complaints.fileComplaintWithHttpInfo(key, body);
        assertThat(replay.getStatusCode()).isEqualTo(200);
        assertThat(replay.getData().getId()).isEqualTo(complaintId);

        // List and read; routing opens the case after the answer (eventual, ADR 0282).
        assertThat(complaints
                        .listComplaints("cd-counter-1", null, null, null, null, null, null, null, 200)
                        .getItems())
                .anySatisfy(c -> assertThat(c.getId()).isEqualTo(complaintId));
        var routed = await(
                () -> complaints.getComplaint(complaintId),
                c -> c.getRouting() != null && c.getRouting().getCaseId() != null,
                "the complaint's case");
        var caseId = routed.getRouting().getCaseId();
        var cases = new CasesApi(partner);
        assertThat(cases.listCases(complaintId, null, null, null, null, null, null)
                        .getItems())
                .extracting(CaseView::getCaseId)
                .containsExactly(caseId);
        assertThat(cases.getCase(caseId).getComplaintId()).isEqualTo(complaintId);

        // Staff steps, each its own operation; each answers the case after it.
        var steps = new CaseStepsApi(agent);
        assertThat(steps.acceptCase(caseId, null, new CaseStepNote().reason("接单"))
                        .getState())
                .isEqualTo(CaseView.StateEnum.ACCEPTED);
        assertThat(steps.recordContact(
                                caseId,
                                null,
                                new RecordContactRequest().channel("PHONE").note("已致歉"))
                        .getState())
                .isEqualTo(CaseView.StateEnum.RESPONDED);

        // A remedy above the agent's authority: proposed, approved by the manager, agreed, delivered.
        var proposed = new CompensationsApi(agent)
                .proposeCompensationWithHttpInfo(new ProposeCompensationRequest()
                        .caseId(caseId)
                        .options(List.of(new RemedyOptionInput()
                                .kind(RemedyOptionInput.KindEnum.MONETARY_COMPENSATION)
                                .amount(new AmountInput()
                                        .amount(new BigDecimal("500"))
                                        .currency("CNY"))
                                .rationale("两小时等待"))));
        assertThat(proposed.getStatusCode()).isEqualTo(201);
        var compensationId = proposed.getData().getCompensationId();
        var optionId = proposed.getData().getOptions().getFirst().getOptionId();
        assertThat(proposed.getData().getOptions().getFirst().getStatus()).isEqualTo("PENDING_APPROVAL");
        awaitCase(agent, caseId, CaseView.StateEnum.PENDING_APPROVAL);
        var approved = new CompensationsApi(manager)
                .decideCompensationOption(
                        compensationId,
                        new DecideOptionRequest()
                                .optionId(optionId)
                                .decision(DecideOptionRequest.DecisionEnum.APPROVE)
                                .reason("waited two hours"));
        assertThat(approved.getOptions().getFirst().getStatus()).isEqualTo("APPROVED");
        awaitCase(agent, caseId, CaseView.StateEnum.AWAITING_CUSTOMER_CONSENT);
        new CompensationsApi(agent)
                .recordCustomerConsent(
                        compensationId,
                        new CustomerConsentRequest().optionId(optionId).accepted(true));
        awaitCase(agent, caseId, CaseView.StateEnum.AGREED);
        new CompensationsApi(agent)
                .recordRemedyDelivery(compensationId, new RemedyDeliveryRequest().reference("转账-" + optionId));
        awaitCase(agent, caseId, CaseView.StateEnum.IMPLEMENTING);

        var resolved = steps.resolveCase(
                caseId,
                null,
                new ResolveCaseRequest()
                        .resolution(new CaseResolutionInput()
                                .rootCause("午间只开一个窗口")
                                .defectCorrection("当天加开第二个窗口")
                                .longTermMeasure(new LongTermMeasure()
                                        .action("午间排班保证 11:30-13:30 两个窗口")
                                        .owner("网点经理")
                                        .dueDate(LocalDate.of(2026, 12, 31)))));
        assertThat(resolved.getState()).isEqualTo(CaseView.StateEnum.RESOLVED);

        // The follow-up is planned by the relay; a satisfied outcome lets the case close.
        var followUps = new FollowUpsApi(agent);
        var planned = await(() -> followUps.listFollowUps(caseId, null), list -> !list.isEmpty(), "the follow-ups");
        for (var followUp : planned) {
            followUps.recordFollowUpOutcome(
                    followUp.getFollowUpId(),
                    new RecordOutcomeRequest().satisfaction(5).resolved(true).comment("满意"));
        }
        await(
                () -> new CasesApi(agent).getCase(caseId),
                c -> Boolean.TRUE.equals(c.getFollowUpSatisfied()),
                "satisfied");
        assertThat(new CaseStepsApi(manager)
                        .closeCase(caseId, null, new CaseStepNote())
                        .getState())
                .isEqualTo(CaseView.StateEnum.CLOSED);

        var report = new ReportsApi(manager)
                .getMonthlyReport(YearMonth.now(ZoneOffset.UTC).toString(), null, null, null, null);
        assertThat(report).isNotNull();
    }

    static ApiClient client(String header, String value) {
        var client = new ApiClient();
        client.updateBaseUri(suite.gateway());
        client.setRequestInterceptor(request -> request.header(header, value));
        return client;
    }

    /** Staff sign in with the development issuer (local profile), which is not part of the API. */
    static ApiClient staff(String user) throws Exception {
        return client("Authorization", Api.staff(suite, user).headerValue("Authorization"));
    }

    static void awaitCase(ApiClient staff, String caseId, CaseView.StateEnum state) throws Exception {
        await(() -> new CasesApi(staff).getCase(caseId), c -> c.getState() == state, "case " + state);
    }

    interface Read<T> {
        T get() throws Exception;
    }

    /**
     * Polls an eventual effect (another service acts through its relay) until it shows; a 503 or
     * 504 (a service still starting, ADR 0008) is read again.
     */
    static <T> T await(Read<T> read, Predicate<T> done, String what) throws Exception {
        var deadline = Instant.now().plus(EVENTUAL);
        Object last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                var answer = read.get();
                last = answer;
                if (done.test(answer)) {
                    return answer;
                }
            } catch (ApiException e) {
                if (e.getCode() != 503 && e.getCode() != 504) {
                    throw e;
                }
                last = e.getCode() + " " + e.getResponseBody();
            }
            Thread.sleep(300);
        }
        throw new AssertionError(what + " did not show within " + EVENTUAL + ": " + last);
    }
}
