package org.complaints.support.store;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.util.List;
import org.bson.Document;

/**
 * Child process of {@link DurableStoreKillTest}: serves an MVStore file through the embedded
 * server and writes through the driver forever, printing a line after each acknowledged write.
 * Arguments: file, backend ({@code durable}, {@code durable-fast-reuse} or {@code stock}), optionally a prefix for the ids (a
 * later run on the same file) and {@code hot}: also rewrite one 2 KB document after every write, so
 * dead chunks pile up and their space is reused while the writer runs.
 */
public final class StoreWriter {

    private StoreWriter() {}

    public static void main(String[] args) {
        var file = args[0];
        var prefix = args.length > 2 ? args[2] : "";
        var hot = args.length > 3 && args[3].equals("hot");
        var payload = "x".repeat(2_048);
        var backend = switch (args[1]) {
            case "stock" -> new H2Backend(file);
            case "durable-fast-reuse" -> new DurableH2Backend(file, true, DurableStoreKillTest.FAST_REUSE_MILLIS);
            default -> new DurableH2Backend(file);
        };
        var server = new MongoServer(backend);
        var address = server.bind();
        var out = System.out;
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            var docs = client.getDatabase("complaints").getCollection("docs");
            out.println("READY");
            out.flush();
            for (int i = 0; ; i++) {
                var id = prefix + "c-" + i;
                if (hot) {
                    docs.replaceOne(
                            Filters.eq("_id", "hot"),
                            new Document("_id", "hot").append("n", i).append("payload", payload),
                            new com.mongodb.client.model.ReplaceOptions().upsert(true));
                }
                docs.insertOne(new Document("_id", id).append("n", i).append("deliveries", List.of()));
                out.println("INSERTED " + id);
                docs.updateOne(
                        Filters.eq("_id", id),
                        Updates.push("deliveries", new Document("eventId", "e-" + i).append("kind", "open-case")));
                out.println("PUSHED " + id);
                docs.findOneAndUpdate(
                        Filters.eq("_id", id),
                        Updates.set("claimed", true),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                out.println("CLAIMED " + id);
                docs.insertOne(new Document("_id", prefix + "gone-" + i));
                docs.deleteOne(Filters.eq("_id", prefix + "gone-" + i));
                out.println("DELETED " + prefix + "gone-" + i);
                out.flush();
            }
        }
    }
}
