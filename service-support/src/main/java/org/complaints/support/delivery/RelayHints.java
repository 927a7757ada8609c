package org.complaints.support.delivery;

import java.util.List;
import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;

/**
 * Tells each {@link DeliveryRelay} about every document its service saves (insert or save through
 * {@code MongoTemplate} or a repository), so a hinted relay knows which documents carry
 * deliveries without scanning (ADR 0007).
 */
public class RelayHints implements ApplicationListener<AfterSaveEvent<?>> {

    private final List<DeliveryRelay> relays;

    public RelayHints(List<DeliveryRelay> relays) {
        this.relays = relays;
    }

    @Override
    public void onApplicationEvent(AfterSaveEvent<?> event) {
        for (var relay : relays) {
            relay.noteSaved(event.getCollectionName(), event.getDocument());
        }
    }
}
