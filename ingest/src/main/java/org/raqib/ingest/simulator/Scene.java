package org.raqib.ingest.simulator;

import java.awt.Color;

/**
 * Everything that decides how one simulated frame looks; drawn by {@link SceneArtist}. All values come
 * from the simulator's seeded random source, so a seed always gives the same pixels.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param plate the plate on the vehicle
 * @param view whether the camera sees the vehicle's rear or front
 * @param body body colour of the vehicle
 * @param carWidth vehicle width in pixels
 * @param carCentreX horizontal centre of the vehicle in pixels
 * @param groundY image row where the tyres touch the road
 * @param tiltDegrees small roll of the vehicle and plate (road camber, camera mounting)
 * @param light overall brightness factor (about 0.75 dusk to 1.1 midday)
 * @param blur true to soften the frame (motion, focus)
 * @param noise standard deviation of sensor noise, in 8-bit levels
 * @param variant small integer choosing details (light and grille shapes)
 */
public record Scene(int width, int height, SimulatedPlate plate, View view, Color body, double carWidth,
        double carCentreX, double groundY, double tiltDegrees, double light, boolean blur, double noise, int variant) {

    /** Which end of the vehicle the camera sees. */
    public enum View {
        /** The camera looks at the back of the vehicle (most speed cameras). */
        REAR,
        /** The camera looks at the front of the vehicle. */
        FRONT
    }
}
