package org.complaints.routing.sanctions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** The sanctions store: by id, by case (in time order) and the month's totals per person by aggregation. */
@Repository
class SanctionRepository {

    /** One person's sanctions in a month: how many, and the fined total per currency. */
    record PerPerson(String person, long count, Map<String, BigDecimal> totals) {}

    private final MongoTemplate mongo;

    SanctionRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Sanction insert(Sanction sanction) {
        return mongo.insert(sanction);
    }

    Sanction findById(String id) {
        return mongo.findById(id, Sanction.class);
    }

    List<Sanction> forCase(String tenant, String caseId) {
        return mongo.find(
                new Query(Criteria.where("tenant").is(tenant).and("caseId").is(caseId))
                        .with(Sort.by("at", "_id"))
                        .limit(500),
                Sanction.class);
    }

    /** {@code scope} filters tenant, region and site; sanctions recorded in [from, to), by person. */
    List<PerPerson> perPerson(Criteria scope, Instant from, Instant to) {
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(scope.and("at").gte(from).lt(to)),
                Aggregation.group("person", "currency")
                        .count()
                        .as("n")
                        .sum("amountMinor")
                        .as("minor"));
        var byPerson = new TreeMap<String, long[]>();
        var totals = new TreeMap<String, Map<String, BigDecimal>>();
        for (var row : mongo.aggregate(aggregation, Sanction.class, Document.class)) {
            var id = (Document) row.get("_id");
            var person = id.getString("person");
            var currency = id.getString("currency");
            byPerson.computeIfAbsent(person, p -> new long[1])[0] += ((Number) row.get("n")).longValue();
            var personTotals = totals.computeIfAbsent(person, p -> new LinkedHashMap<>());
            if (currency != null && row.get("minor") instanceof Number minor) {
                personTotals.merge(currency, BigDecimal.valueOf(minor.longValue(), 2), BigDecimal::add);
            }
        }
        var result = new ArrayList<PerPerson>();
        byPerson.forEach((person, n) -> result.add(new PerPerson(person, n[0], totals.get(person))));
        return result;
    }
}
