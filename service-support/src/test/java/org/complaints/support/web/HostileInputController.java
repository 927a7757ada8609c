package org.complaints.support.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints shaped like the services' ones, for {@link HostileInputIT}: a free map stored as-is, a typed body. */
@RestController
class HostileInputController {

    static final AtomicInteger MONEY_BUILT = new AtomicInteger();
    private final MongoTemplate mongo;

    HostileInputController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    enum Kind {
        REPAIR,
        REFUND
    }

    /** Like compensation's Money: rescales in its constructor, which is what made 1e3000000 slow. */
    record Money(BigDecimal amount, String currency) {
        Money {
            MONEY_BUILT.incrementAndGet();
            amount = amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
        }
    }

    record Line(String text, int quantity) {}

    record Typed(String name, Kind kind, Money money, Instant at, int count, boolean urgent, List<Line> lines) {}

    @PostMapping("/hostile/free")
    Map<String, Object> free(@RequestBody Map<String, Object> body) {
        mongo.insert(new Document(body), "hostile_free");
        return Map.of("stored", true);
    }

    @PostMapping("/hostile/typed")
    Typed typed(@RequestBody Typed body) {
        mongo.insert(new Document("name", body.name()), "hostile_typed");
        return body;
    }

    @GetMapping("/hostile/search")
    Map<String, Object> search(
            @RequestParam Instant from,
            @RequestParam(defaultValue = "10") int limit,
            @RequestHeader("X-Token") String token) {
        return Map.of("from", from.toString(), "limit", limit);
    }
}
