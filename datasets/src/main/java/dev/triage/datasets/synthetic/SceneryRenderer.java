package dev.triage.datasets.synthetic;

/** Draws the scene-specific static layer (buildings, trees, barriers) between the ground and the actors. */
interface SceneryRenderer {

    /** Draws the scenery of {@code world} as seen in the canvas's current view. */
    void drawScenery(Canvas canvas, SceneWorld world);
}
