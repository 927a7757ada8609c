package org.complaints.intake.complaint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.complaints.support.web.ProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Tenant-scoped lists with keyset ("cursor") paging on (createdAt, id), newest first. Each filter
 * combination starts with a declared compound index (see {@link Complaint}), and a page reads at
 * most {@code limit + 1} documents, however long the history.
 */
@Component
class ComplaintQueries {

    static final int MAX_LIMIT = 200;

    record Filter(
            String tenant,
            String site,
            String region,
            String channel,
            String level,
            String status,
            String customerKey,
            Instant createdFrom,
            Instant createdTo) {}

    record Page(List<Complaint> items, String nextCursor) {}

    private final MongoTemplate mongo;

    ComplaintQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Page list(Filter filter, String cursor, int limit) {
        var size = Math.clamp(limit, 1, MAX_LIMIT);
        var criteria = Criteria.where("tenant").is(filter.tenant());
        eq(criteria, "site", filter.site());
        eq(criteria, "region", filter.region());
        eq(criteria, "channel", filter.channel());
        eq(criteria, "level", filter.level());
        eq(criteria, "status", filter.status());
        eq(criteria, "customerKey", filter.customerKey());
        if (filter.createdFrom() != null || filter.createdTo() != null) {
            var created = Criteria.where("createdAt");
            if (filter.createdFrom() != null) {
                created = created.gte(filter.createdFrom());
            }
            if (filter.createdTo() != null) {
                created = created.lt(filter.createdTo());
            }
            criteria = new Criteria().andOperator(criteria, created);
        }
        if (cursor != null && !cursor.isBlank()) {
            var position = decode(cursor);
            criteria = new Criteria()
                    .andOperator(
                            criteria,
                            new Criteria()
                                    .orOperator(
                                            Criteria.where("createdAt").lt(position.createdAt()),
                                            Criteria.where("createdAt")
                                                    .is(position.createdAt())
                                                    .and("_id")
                                                    .lt(position.id())));
        }
        var query = new Query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "_id")))
                .limit(size + 1);
        var found = mongo.find(query, Complaint.class);
        if (found.size() <= size) {
            return new Page(found, null);
        }
        var page = found.subList(0, size);
        var last = page.getLast();
        return new Page(page, encode(last.createdAt, last.id));
    }

    private static void eq(Criteria criteria, String field, String value) {
        if (value != null && !value.isBlank()) {
            criteria.and(field).is(value);
        }
    }

    private record Position(Instant createdAt, String id) {}

    static String encode(Instant createdAt, String id) {
        var raw = createdAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String cursor) {
        try {
            var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var colon = raw.indexOf(':');
            return new Position(
                    Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service issued");
        }
    }
}
