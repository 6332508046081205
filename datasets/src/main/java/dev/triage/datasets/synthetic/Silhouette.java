package dev.triage.datasets.synthetic;

import java.util.List;

/**
 * What one drawn object covers in the image.
 *
 * @param label  class name for labelled objects, null for unlabelled occluders (poles, trees)
 * @param full   full extent, not clipped and ignoring occlusion
 * @param parts  rectangles that are (nearly) opaque, used to compute how much nearer objects hide farther ones
 */
record Silhouette(String label, Extent full, List<Extent> parts) {

    Silhouette {
        parts = List.copyOf(parts);
    }

    boolean covers(double u, double v) {
        for (Extent p : parts) {
            if (p.contains(u, v)) {
                return true;
            }
        }
        return false;
    }
}
