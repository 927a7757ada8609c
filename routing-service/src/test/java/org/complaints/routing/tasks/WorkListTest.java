package org.complaints.routing.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.complaints.support.identity.CallerIdentity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The work list merges its sources earliest due first and pages across them without loss or repeat. */
class WorkListTest {

    static final Instant T = Instant.parse("2025-03-03T03:00:00Z");

    /** A source holding fixed items, answering the query as the stores do. */
    record Fixed(List<WorkItem> items) implements TaskSource {
        @Override
        public List<WorkItem> open(WorkQuery query) {
            return query.select(items.stream());
        }
    }

    static WorkItem item(WorkItem.Kind kind, String parent, String owner, int minutes) {
        return new WorkItem(
                kind,
                parent,
                "east",
                "sh-minhang",
                Task.open("T" + minutes, "R", owner, T, T.plus(Duration.ofMinutes(minutes))));
    }

    static CallerIdentity staff(String subject, String... roles) {
        return new CallerIdentity(
                subject,
                CallerIdentity.Kind.STAFF,
                "demo-dealer",
                Set.of(),
                Set.of(),
                Set.of(roles),
                Set.of(),
                "Staff");
    }

    @Test
    @DisplayName(
            "SLA-X1 and CH-03 work of one caller: cases and incidents merged by due time, two at a time, each once")
    void mergesAndPagesAcrossSources() {
        var cases = new Fixed(List.of(
                item(WorkItem.Kind.CASE, "k1", "role:service-director", 30),
                item(WorkItem.Kind.CASE, "k2", "someone-else", 40),
                item(WorkItem.Kind.CASE, "k3", "sd", 90)));
        var incidents = new Fixed(List.of(
                item(WorkItem.Kind.INCIDENT, "i1", "role:service-director", 60),
                item(WorkItem.Kind.INCIDENT, "i1", "role:service-director", 240)));
        var list = new WorkList(List.of(cases, incidents));
        var caller = staff("sd", "service-director");

        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var page = list.mine(caller, "me", null, null, cursor, 2);
            page.items().forEach(i -> seen.add(i.parentId() + "/" + i.task().taskId()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactly("k1/T30", "i1/T60", "k3/T90", "i1/T240");
        assertThat(list.mine(caller, "role:service-director", null, T.plus(Duration.ofMinutes(61)), null, 50)
                        .items())
                .extracting(WorkItem::parentId)
                .containsExactly("k1", "i1");
    }

    @Test
    @DisplayName("another role's list, an unknown status or a limit out of bounds is refused")
    void refusals() {
        var list = new WorkList(List.of());
        var caller = staff("sd", "service-director");

        assertThatThrownBy(() -> list.mine(caller, "role:legal", null, null, null, 10))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.NOT_ALLOWED));
        assertThatThrownBy(() -> list.mine(caller, "me", "DONE", null, null, 10))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.field()).isEqualTo("status"));
        assertThatThrownBy(() -> list.mine(caller, "me", null, null, null, 0))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> list.mine(caller, "me", null, null, "1~CASE~x", 10))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.field()).isEqualTo("cursor"));
    }
}
