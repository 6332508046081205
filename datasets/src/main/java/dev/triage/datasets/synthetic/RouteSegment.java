package dev.triage.datasets.synthetic;

import java.util.Objects;

/**
 * One stretch of a scripted drive: a scene held for a number of frames.
 *
 * @param scene  the ground-truth scene of every frame in the stretch
 * @param frames how many frames the stretch lasts, at least 1
 */
public record RouteSegment(Scene scene, int frames) {

    public RouteSegment {
        Objects.requireNonNull(scene, "scene");
        if (frames < 1) {
            throw new IllegalArgumentException("a route segment needs at least 1 frame, got " + frames);
        }
    }

    /** This segment in route syntax, for example {@code urban:200}. */
    public String toSpec() {
        return scene.wireName() + ":" + frames;
    }
}
