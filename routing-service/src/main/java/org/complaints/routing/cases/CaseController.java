package org.complaints.routing.cases;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaseController {

    /** Sub-resource → state-machine action. */
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("hand-over", "HAND_OVER"),
            Map.entry("acceptance", "ACCEPT"),
            Map.entry("assignment", "ASSIGN"),
            Map.entry("contacts", "CONTACT"),
            Map.entry("urgings", "URGE"),
            Map.entry("investigation", "INVESTIGATE"),
            Map.entry("solution", "PROPOSE"),
            Map.entry("offer", "OFFER"),
            Map.entry("agreement", "AGREE"),
            Map.entry("implementation", "IMPLEMENT"),
            Map.entry("resolution", "RESOLVE"),
            Map.entry("closure", "CLOSE"),
            Map.entry("reopening", "REOPEN"),
            Map.entry("messages", "MESSAGE"),
            Map.entry("escalations", "ESCALATE"),
            Map.entry("level", "RAISE_LEVEL"));

    record ListView(List<CaseView> items, String nextCursor) {}

    private final CaseService service;
    private final MongoTemplate mongo;
    private final TenantPolicies<RoutingPolicy> policies;
    private final IncidentRepository incidents;

    CaseController(
            CaseService service,
            MongoTemplate mongo,
            TenantPolicies<RoutingPolicy> policies,
            IncidentRepository incidents) {
        this.service = service;
        this.mongo = mongo;
        this.policies = policies;
        this.incidents = incidents;
    }

    @PostMapping(value = "/cases", consumes = "application/json")
    ResponseEntity<CaseView> open(CallerIdentity caller, @RequestBody OpenCaseRequest request) {
        var opened = service.open(caller, request);
        var view = view(opened.kase());
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/cases/" + view.caseId()))
                .eTag(etag(view.version()))
                .body(view);
    }

    @GetMapping("/cases/{id}")
    ResponseEntity<CaseView> get(CallerIdentity caller, @PathVariable String id) {
        var view = view(service.get(caller, id));
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @GetMapping("/cases")
    ListView list(
            CallerIdentity caller,
            @RequestParam(required = false) String complaintId,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        if (complaintId != null) {
            return new ListView(
                    service.byComplaint(caller, complaintId).map(this::view).stream()
                            .toList(),
                    null);
        }
        var criteria = Criteria.where("tenant").is(caller.tenant());
        if (state != null) {
            criteria.and("state").is(state);
        }
        if (level != null) {
            criteria.and("level").is(level);
        }
        if (site != null) {
            criteria.and("site").is(site);
        }
        if (cursor != null) {
            criteria.and("_id").lt(cursor);
        }
        var size = Math.clamp(limit, 1, 200);
        var found = mongo.find(
                new Query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).limit(size + 1), Case.class);
        var page = found.subList(0, Math.min(size, found.size()));
        var next = found.size() > size ? page.getLast().id : null;
        return new ListView(
                page.stream()
                        .filter(c -> caller.mayActInRegion(c.region))
                        .map(this::view)
                        .toList(),
                next);
    }

    @PostMapping("/cases/{id}/events")
    CaseView event(CallerIdentity caller, @PathVariable String id, @RequestBody CaseEvent event) {
        return view(service.event(caller, id, event));
    }

    @PostMapping("/cases/{id}/{step}")
    ResponseEntity<CaseView> act(
            CallerIdentity caller,
            @PathVariable String id,
            @PathVariable String step,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) CaseService.StepRequest body) {
        var action = ACTIONS.get(step);
        if (action == null) {
            throw ProblemException.notFound("case action", step);
        }
        var request = body == null ? CaseService.StepRequest.empty() : body;
        if (ifMatch != null) {
            request = withVersion(request, ifMatch);
        }
        var view = view(service.act(caller, id, action, request));
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @GetMapping("/policies/{tenant}")
    Map<String, Object> policy(CallerIdentity caller, @PathVariable String tenant) {
        if (!caller.tenant().equals(tenant)) {
            throw ProblemException.notFound("policy", tenant);
        }
        return policies.effective(tenant);
    }

    @GetMapping("/incidents/{id}")
    IncidentView incident(CallerIdentity caller, @PathVariable String id) {
        return incidents
                .findByIdAndTenant(id, caller.tenant())
                .map(Incident::view)
                .orElseThrow(() -> ProblemException.notFound("incident", id));
    }

    @GetMapping("/incidents")
    List<IncidentView> incidents(CallerIdentity caller) {
        return mongo
                .find(
                        new Query(Criteria.where("tenant").is(caller.tenant()))
                                .with(Sort.by(Sort.Direction.DESC, "openedAt"))
                                .limit(100),
                        Incident.class)
                .stream()
                .map(Incident::view)
                .toList();
    }

    private CaseView view(Case c) {
        return CaseView.of(c, service.levelName(c));
    }

    private static CaseService.StepRequest withVersion(CaseService.StepRequest r, String ifMatch) {
        try {
            var version =
                    Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
            return new CaseService.StepRequest(
                    r.reason(),
                    r.note(),
                    r.channel(),
                    r.domain(),
                    r.department(),
                    r.person(),
                    r.level(),
                    r.text(),
                    r.to(),
                    r.resolution(),
                    version);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "is not an ETag this service issued");
        }
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
