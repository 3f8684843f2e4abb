package org.raqib.ingest.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cameras of a registry file, in file order, looked up by id. Immutable. */
public final class CameraRegistry {

    private final List<RegisteredCamera> cameras;
    private final Map<String, RegisteredCamera> byId;

    /**
     * @param cameras the cameras; ids must be unique
     * @throws IllegalArgumentException on a duplicate id
     */
    public CameraRegistry(List<RegisteredCamera> cameras) {
        Map<String, RegisteredCamera> m = new LinkedHashMap<>();
        for (RegisteredCamera c : cameras) {
            if (m.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("duplicate camera id " + c.id());
            }
        }
        this.cameras = List.copyOf(cameras);
        this.byId = Map.copyOf(m);
    }

    /** All cameras, in file order. */
    public List<RegisteredCamera> cameras() {
        return cameras;
    }

    /** The camera with this id, if registered. */
    public Optional<RegisteredCamera> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Enabled cameras that measure speed by radar: the ones a spot-speed simulation can drive. */
    public List<RegisteredCamera> enabledRadarCameras() {
        return cameras.stream().filter(c -> c.enabled() && c.hasRadar()).toList();
    }

    /**
     * A registry with {@code camera} added, or replacing the camera with the same id (in place, so the
     * file order stays).
     */
    public CameraRegistry with(RegisteredCamera camera) {
        List<RegisteredCamera> next = new java.util.ArrayList<>(cameras.size() + 1);
        boolean replaced = false;
        for (RegisteredCamera c : cameras) {
            if (c.id().equals(camera.id())) {
                next.add(camera);
                replaced = true;
            } else {
                next.add(c);
            }
        }
        if (!replaced) {
            next.add(camera);
        }
        return new CameraRegistry(next);
    }

    /** Number of cameras. */
    public int size() {
        return cameras.size();
    }
}
