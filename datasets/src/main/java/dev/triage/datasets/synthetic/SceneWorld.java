package dev.triage.datasets.synthetic;

import java.util.List;

/**
 * The static and moving content of one route segment (or one independent sample), in road coordinates.
 *
 * @param scene      ground-truth scene
 * @param layout     road cross-section
 * @param motion     curvature and ego drift along the road
 * @param backdrop   horizon scenery
 * @param buildings  street blocks (urban)
 * @param trees      roadside trees beyond the barriers (highway)
 * @param roadside   barriers (highway)
 * @param actors     people, vehicles and street furniture
 * @param crosswalks road distances where zebra crossings start
 * @param egoSpeed   metres per second
 */
record SceneWorld(Scene scene, RoadLayout layout, RoadMotion motion, Backdrop backdrop, List<Building> buildings,
                  List<Tree> trees, Roadside roadside, List<Actor> actors, List<Double> crosswalks, double egoSpeed) {

    SceneWorld {
        buildings = List.copyOf(buildings);
        trees = List.copyOf(trees);
        actors = List.copyOf(actors);
        crosswalks = List.copyOf(crosswalks);
    }
}
