package org.complaints.support.store;

import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import java.util.List;

/**
 * A non-unique index the embedded server does not implement (its queries scan; a real MongoDB
 * uses the index). The stock placeholder reports itself empty, so opening the store read every
 * document twice per declared index to "build" it: ten indexes over 100,000 complaints kept a
 * restart busy for minutes. Nothing is ever built here, so there is nothing to read.
 */
final class DeclaredIndex extends EmptyIndex<Object> {

    DeclaredIndex(String name, List<IndexKey> keys) {
        super(name, keys);
    }

    @Override
    public boolean isEmpty() {
        return false;
    }
}
