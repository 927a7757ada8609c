package org.complaints.routing.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Routing's notifications: {@link #notify} creates one (in process for routing's own sweeps and
 * ladders, or through {@code POST /internal/v1/notifications} for the other services' relays),
 * {@link #inbox} lists a staff member's own and their roles' notifications inside their region and
 * site scope, unread first, then newest, {@link #markRead} marks one read. Every path reaches
 * documents by key (ADR 0220). Each new notification carries its {@code NOTIFICATION_CREATED} event
 * in the same insert (ADR 0251).
 */
@Service
public class Notifications {

    static final int MAX_TEXT = 280;
    static final int MAX_LIMIT = 200;
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9:_.\\-]{1,120}");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{7,}");

    public record Created(Notification notification, boolean created) {}

    public record Page(List<Notification> items, String nextCursor) {}

    private final MongoTemplate mongo;
    private final Inboxes inboxes;
    private final TenantDirectory tenants;
    private final NotificationMetrics metrics;
    private final Clock clock;

    Notifications(
            MongoTemplate mongo, Inboxes inboxes, TenantDirectory tenants, NotificationMetrics metrics, Clock clock) {
        this.mongo = mongo;
        this.inboxes = inboxes;
        this.tenants = tenants;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Creates the notification once per event id: the document first (its {@code _id} is the event
     * id, so a replay or a racing duplicate hits the primary key), then its inbox entry. A replay
     * returns the stored one and repairs a missing inbox entry of an unread one.
     */
    public Created notify(String tenant, NewNotification request) {
        var kind = validate(tenant, request);
        var recipient = request.person() != null
                ? Notification.PERSON + request.person().strip()
                : Notification.ROLE + request.role().strip();
        var now = clock.instant();
        var notification = new Notification(
                request.eventId(),
                tenant,
                request.region(),
                request.site(),
                recipient,
                kind,
                request.caseId(),
                request.complaintId(),
                request.text().strip(),
                now,
                null,
                null,
                List.of(new Delivery(
                        Notification.createdEventId(request.eventId()), Notification.CREATED_EVENT, now, 0, null)));
        try {
            mongo.insert(notification);
        } catch (DuplicateKeyException replay) {
            var stored = mongo.findById(request.eventId(), Notification.class);
            if (stored == null || !stored.tenant().equals(tenant)) {
                throw ProblemException.conflict("event-id-taken", "This eventId belongs to another notification.");
            }
            if (stored.readAt() == null) {
                inboxes.repair(stored);
            }
            return new Created(stored, false);
        }
        inboxes.deliver(notification);
        metrics.created(kind);
        return new Created(notification, true);
    }

    /** The caller's notifications (own and roles'), inside their scope; unread first, then newest. */
    public Page inbox(CallerIdentity caller, String cursor, int limit) {
        if (caller.kind() != CallerIdentity.Kind.STAFF) {
            throw ProblemException.forbidden("Notifications are read by staff.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        var scope = CallerScope.of(caller);
        var order = Comparator.comparing(Inboxes.Entry::read)
                .thenComparing(Inboxes.Entry::at, Comparator.reverseOrder())
                .thenComparing(Inboxes.Entry::id, Comparator.reverseOrder());
        var after = cursor == null || cursor.isBlank() ? null : Cursor.parse(cursor);
        var entries = inboxes.entries(caller.tenant(), recipients(caller)).stream()
                .filter(e -> scope.covers(caller.tenant(), e.region(), e.site()))
                .filter(e -> after == null || order.compare(e, after.entry()) > 0)
                .sorted(order)
                .limit(limit + 1L)
                .toList();
        var page = entries.size() > limit ? entries.subList(0, limit) : entries;
        var next = entries.size() > limit ? Cursor.of(page.getLast()) : null;
        var loaded = load(page.stream().map(Inboxes.Entry::id).toList());
        var items = new ArrayList<Notification>();
        for (var e : page) {
            var n = loaded.get(e.id());
            if (n != null && scope.covers(n.tenant(), n.region(), n.site())) {
                items.add(n);
            }
        }
        return new Page(items, next);
    }

    /** Marks one of the caller's notifications read; again is harmless. Not theirs = 404. */
    public Notification markRead(CallerIdentity caller, String id) {
        var n = mongo.findById(id, Notification.class);
        if (n == null
                || !CallerScope.of(caller).covers(n.tenant(), n.region(), n.site())
                || !recipients(caller).contains(n.recipient())) {
            throw ProblemException.notFound("notification", id);
        }
        if (n.readAt() != null) {
            return n;
        }
        var now = clock.instant();
        var written = mongo.updateFirst(
                new Query(Criteria.where("_id").is(id).and("readAt").is(null)),
                new Update().set("readAt", now).set("readBy", caller.subject()),
                Notification.class);
        var read = mongo.findById(id, Notification.class);
        if (written.getModifiedCount() == 1) {
            inboxes.markRead(read);
        }
        return read;
    }

    private Map<String, Notification> load(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Notification.class).stream()
                .collect(Collectors.toMap(Notification::id, Function.identity()));
    }

    private static List<String> recipients(CallerIdentity caller) {
        var keys = new ArrayList<String>();
        keys.add(Notification.PERSON + caller.subject());
        caller.roles().stream().sorted().forEach(r -> keys.add(Notification.ROLE + r));
        return keys;
    }

    private NotificationKind validate(String tenant, NewNotification r) {
        if (r.eventId() == null || !EVENT_ID.matcher(r.eventId()).matches()) {
            throw ProblemException.invalid("eventId", "is required: 1-120 letters, digits or : _ . -");
        }
        var hasPerson = r.person() != null && !r.person().isBlank();
        var hasRole = r.role() != null && !r.role().isBlank();
        if (hasPerson == hasRole) {
            throw ProblemException.invalid("recipient", "exactly one of person and role is required");
        }
        if ((hasPerson ? r.person() : r.role()).length() > 120) {
            throw ProblemException.invalid(hasPerson ? "person" : "role", "is longer than 120 characters");
        }
        NotificationKind kind;
        try {
            kind = NotificationKind.valueOf(r.kind() == null ? "" : r.kind());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be one of " + List.of(NotificationKind.values()));
        }
        if (r.text() == null || r.text().isBlank()) {
            throw ProblemException.invalid("text", "is required");
        }
        if (r.text().length() > MAX_TEXT) {
            throw ProblemException.invalid("text", "is longer than " + MAX_TEXT + " characters");
        }
        if (LONG_NUMBER.matcher(r.text()).find()) {
            throw ProblemException.invalid("text", "must not carry personal data such as phone numbers");
        }
        var site = tenants.find(tenant).flatMap(t -> t.site(r.site()));
        if (site.isEmpty()) {
            throw ProblemException.invalid("site", "is not a site of the tenant");
        }
        if (r.region() == null || !r.region().equals(site.get().region())) {
            throw ProblemException.invalid("region", "is not the region of the site");
        }
        if ((r.caseId() != null && r.caseId().length() > 120)
                || (r.complaintId() != null && r.complaintId().length() > 120)) {
            throw ProblemException.invalid("caseId", "is longer than 120 characters");
        }
        return kind;
    }

    /** Position in the list: read flag, time and id of the last entry returned. */
    record Cursor(Inboxes.Entry entry) {
        static String of(Inboxes.Entry e) {
            return (e.read() ? "1" : "0") + "~" + e.at().toEpochMilli() + "~" + e.id();
        }

        static Cursor parse(String value) {
            var parts = value.split("~", 3);
            try {
                if (parts.length != 3 || !(parts[0].equals("0") || parts[0].equals("1"))) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(new Inboxes.Entry(
                        parts[2], Instant.ofEpochMilli(Long.parseLong(parts[1])), null, null, parts[0].equals("1")));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this service returned");
            }
        }
    }
}
