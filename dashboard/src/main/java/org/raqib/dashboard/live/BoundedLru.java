package org.raqib.dashboard.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used map bounded by a total weight (bytes for frames, 1 per entry for small things).
 * Not thread-safe: {@link LiveState} guards it.
 */
final class BoundedLru<K, V> {

    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(64, 0.75f, true);
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private long weight;

    BoundedLru(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    void put(K key, V value) {
        V old = map.put(key, value);
        if (old != null) {
            weight -= weigher.applyAsLong(old);
        }
        weight += weigher.applyAsLong(value);
        var it = map.entrySet().iterator();
        while (weight > maxWeight && it.hasNext()) {
            Map.Entry<K, V> eldest = it.next();
            if (eldest.getKey().equals(key) && map.size() == 1) {
                break;
            }
            weight -= weigher.applyAsLong(eldest.getValue());
            it.remove();
        }
    }

    V get(K key) {
        return map.get(key);
    }

    int size() {
        return map.size();
    }

    long weight() {
        return weight;
    }
}
