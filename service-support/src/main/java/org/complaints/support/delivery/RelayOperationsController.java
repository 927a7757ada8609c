package org.complaints.support.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of parked deliveries (ADR 0006), in every service that relays: list the
 * caller's tenant's parked entries and replay one. Only staff holding one of the tenant preset's
 * operator roles may call it; another tenant's document is answered 404. The gateway exposes it as
 * {@code /api/v1/operations/<service>/relay/...}.
 */
@RestController
public class RelayOperationsController {

    private final List<DeliveryRelay> relays;
    private final TenantDirectory tenants;
    private final Map<String, List<String>> operatorRoles;

    public RelayOperationsController(
            List<DeliveryRelay> relays, TenantDirectory tenants, Map<String, List<String>> operatorRoles) {
        this.relays = relays;
        this.tenants = tenants;
        this.operatorRoles = operatorRoles;
    }

    public record ParkedList(List<DeliveryRelay.Parked> parked) {}

    @GetMapping("/operations/relay/parked")
    public ParkedList parked(CallerIdentity caller) {
        requireOperator(caller);
        var all = new ArrayList<DeliveryRelay.Parked>();
        for (var relay : relays) {
            all.addAll(relay.parkedOf(caller.tenant()));
        }
        return new ParkedList(all);
    }

    @PostMapping("/operations/relay/parked/{documentId}/{eventId}/replay")
    public ResponseEntity<Void> replay(
            CallerIdentity caller, @PathVariable String documentId, @PathVariable String eventId) {
        requireOperator(caller);
        for (var relay : relays) {
            if (relay.replay(caller.tenant(), documentId, eventId)) {
                return ResponseEntity.accepted().build();
            }
        }
        throw ProblemException.notFound("parked delivery", documentId + "/" + eventId);
    }

    private void requireOperator(CallerIdentity caller) {
        var preset = tenants.find(caller.tenant()).map(t -> t.preset()).orElse("");
        var roles = operatorRoles.getOrDefault(preset, List.of());
        if (caller.kind() != CallerIdentity.Kind.STAFF || !caller.hasAnyRole(roles)) {
            throw ProblemException.forbidden("Parked deliveries are an operator's task: one of " + roles + ".");
        }
    }
}
