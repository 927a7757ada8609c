package org.complaints.compensation.budget;

import org.bson.Document;
import org.complaints.support.scope.CallerScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Budgets per tenant, site and month, in cents. A debit is one conditional update
 * ({@code remaining >= amount} guards {@code $inc}), so concurrent approvals can never overspend:
 * of N racing debits exactly those that fit succeed.
 */
@Component
public class Budgets {

    public static final String COLLECTION = "budgets";
    private final MongoTemplate mongo;

    Budgets(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public static String id(String tenant, String site, String month) {
        return tenant + "|" + site + "|" + month;
    }

    /** Creates the month's budget with the policy default unless it exists. */
    public void ensure(String tenant, String region, String site, String month, long limitMinor) {
        if (mongo.exists(new Query(Criteria.where("_id").is(id(tenant, site, month))), COLLECTION)) {
            return;
        }
        try {
            mongo.insert(
                    new Document("_id", id(tenant, site, month))
                            .append("tenant", tenant)
                            .append("region", region)
                            .append("site", site)
                            .append("month", month)
                            .append("limitMinor", limitMinor)
                            .append("remainingMinor", limitMinor)
                            .append("spentMinor", 0L),
                    COLLECTION);
        } catch (DuplicateKeyException createdConcurrently) {
            // another approval created it first; its values stand
        }
    }

    /** Takes the amount if it fits; false when the budget would be overspent. */
    public boolean debit(String tenant, String site, String month, long amountMinor) {
        var fits = new Query(Criteria.where("_id")
                .is(id(tenant, site, month))
                .and("remainingMinor")
                .gte(amountMinor));
        var update = new Update().inc("remainingMinor", -amountMinor).inc("spentMinor", amountMinor);
        return mongo.updateFirst(fits, update, COLLECTION).getModifiedCount() == 1;
    }

    /** Gives an amount back (a proposal refused after an earlier option of it was debited). */
    public void credit(String tenant, String site, String month, long amountMinor) {
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(id(tenant, site, month))),
                new Update().inc("remainingMinor", amountMinor).inc("spentMinor", -amountMinor),
                COLLECTION);
    }

    /** Sets a month's limit, keeping what was spent. */
    public Document set(String tenant, String region, String site, String month, long limitMinor) {
        ensure(tenant, region, site, month, limitMinor);
        var current = mongo.findById(id(tenant, site, month), Document.class, COLLECTION);
        var spent = current.get("spentMinor", Number.class).longValue();
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(id(tenant, site, month))),
                new Update().set("limitMinor", limitMinor).set("remainingMinor", limitMinor - spent),
                COLLECTION);
        return mongo.findById(id(tenant, site, month), Document.class, COLLECTION);
    }

    /** The month's budgets inside the caller's scope (tenant, regions, sites). */
    public java.util.List<Document> month(CallerScope scope, String month) {
        return mongo.find(new Query(scope.criteria().and("month").is(month)), Document.class, COLLECTION);
    }

    /** The budgets with these ids, read by key (ADR 0607), for the budget gauge. */
    public java.util.List<Document> byIds(java.util.Collection<String> ids) {
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Document.class, COLLECTION);
    }
}
