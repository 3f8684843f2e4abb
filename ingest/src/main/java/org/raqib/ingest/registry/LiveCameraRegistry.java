package org.raqib.ingest.registry;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's current view of the registry: starts from the file and changes through the admin API.
 * A change is published to the compacted {@code raqib.cameras} first (the Flink jobs read that topic as
 * broadcast state, so they see it without a restart) and becomes the gateway's view as soon as the
 * broker has acknowledged it; when Kafka refuses, nothing changes. Lookups are lock-free.
 */
public final class LiveCameraRegistry {

    private final AtomicReference<CameraRegistry> current;
    private final CameraRegistryPublisher publisher;

    /**
     * @param initial the registry at start (usually the file)
     * @param publisher where changes are published
     */
    public LiveCameraRegistry(CameraRegistry initial, CameraRegistryPublisher publisher) {
        this.current = new AtomicReference<>(initial);
        this.publisher = publisher;
    }

    /** The camera with this id, if registered (enabled or not). */
    public Optional<RegisteredCamera> find(String id) {
        return current.get().find(id);
    }

    /** The registry now. */
    public CameraRegistry snapshot() {
        return current.get();
    }

    /**
     * Adds or replaces a camera: publishes it, then makes it the gateway's view.
     *
     * @return the camera it replaced, if any
     * @throws IllegalStateException when Kafka does not take the change (nothing changed then)
     */
    public synchronized Optional<RegisteredCamera> put(RegisteredCamera camera) {
        Optional<RegisteredCamera> before = current.get().find(camera.id());
        publisher.publish(camera);
        current.set(current.get().with(camera));
        return before;
    }

    /**
     * Disables a camera: its uploads get 403 from now on and the jobs see {@code enabled=false}.
     *
     * @return the disabled camera, or empty when no camera has this id
     * @throws IllegalStateException when Kafka does not take the change (nothing changed then)
     */
    public synchronized Optional<RegisteredCamera> disable(String id) {
        Optional<RegisteredCamera> found = current.get().find(id);
        if (found.isEmpty()) {
            return found;
        }
        RegisteredCamera off = found.get().withEnabled(false);
        publisher.publish(off);
        current.set(current.get().with(off));
        return Optional.of(off);
    }
}
