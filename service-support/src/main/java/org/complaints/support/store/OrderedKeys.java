package org.complaints.support.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.util.Objects;

/**
 * Orders unique-index keys by their values (ADR 0290). H2's default key type compares two keys it
 * does not know (the embedded server's {@link KeyValue}) by Java-serializing both, at every step of
 * every B-tree search: each unique-index lookup, the hot paths' way to reach a document by key,
 * cost two serializations per level. Values are compared as MongoDB orders them; values equal
 * there but not equal as objects (1 and 1.0) fall back to the serialized order, so keys that were
 * distinct stay distinct. Keys are written as BSON ({@link BsonValues}, ADR 0294).
 */
final class OrderedKeys extends BsonValues {

    private static final ValueComparator VALUES = ValueComparator.asc();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            var size = Math.min(x.size(), y.size());
            for (var i = 0; i < size; i++) {
                var byValue = VALUES.compare(x.get(i), y.get(i));
                if (byValue != 0) {
                    return byValue;
                }
            }
            if (x.size() != y.size()) {
                return Integer.compare(x.size(), y.size());
            }
            return Objects.equals(x, y) ? 0 : super.compare(a, b);
        }
        return super.compare(a, b);
    }
}
