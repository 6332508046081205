package dev.triage.datasets.synthetic;

/** Something placed on the road or the sidewalk and drawn in depth order: people, vehicles, street furniture. */
sealed interface Actor permits PedestrianActor, CyclistActor, VehicleActor, PropActor {

    /** Where it is. */
    Motion motion();

    /** Half its length along the road, so the depth order uses its nearest end. */
    double halfLength();

    /** Forward distance of its nearest end in this frame. */
    default double nearZ(FrameView view) {
        return motion().sAt(view.time()) - view.sEgo() - halfLength();
    }

    /** Draws it and says what it covers; null when nothing was drawn. */
    Silhouette draw(Canvas canvas);
}
