package org.raqib.dashboard.access;

import java.util.Locale;
import java.util.Set;

/** What a signed-in user may see and do on the dashboard. */
public enum Role {
    /** Operations-centre staff: live violations, review queue, cameras, trends; patrol alerts read-only. */
    OPERATOR(Set.of(View.LIVE, View.CAMERAS, View.TRENDS, View.PATROL), false),
    /** A patrol: the alerts of a region, and acknowledging them. */
    PATROL(Set.of(View.PATROL), true),
    /** Everything. */
    ADMIN(Set.of(View.values()), true);

    /** The dashboard's views. */
    public enum View { LIVE, CAMERAS, TRENDS, PATROL }

    private final Set<View> views;
    private final boolean mayAcknowledge;

    Role(Set<View> views, boolean mayAcknowledge) {
        this.views = views;
        this.mayAcknowledge = mayAcknowledge;
    }

    /** The views this role sees. */
    public Set<View> views() {
        return views;
    }

    /** True when the role sees {@code view}. */
    public boolean sees(View view) {
        return views.contains(view);
    }

    /** True when the role may acknowledge patrol alerts. */
    public boolean mayAcknowledge() {
        return mayAcknowledge;
    }

    /** Lower-case name as written in the users file and shown in the page. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known roles
     */
    public static Role parse(String name) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; known: operator, patrol, admin");
    }
}
