package dev.triage.ros.node;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.render.OverlayRenderer;
import org.opencv.core.Scalar;

import java.util.ArrayList;
import java.util.List;

/**
 * The RViz markers of one result, independent of the transport: what the ROS 1 node's {@code ~markers}
 * ({@link RosResultSink}) and the ROS 2 node's {@code ~/markers} both publish as visualization_msgs MarkerArray.
 * Each box (namespace {@value #DETECTIONS}) and each lane (namespace {@value #LANES}) is one LINE_STRIP in image
 * pixels (z = 0), ids counted from 0 per namespace, line width {@value #LINE_WIDTH} px, in the overlay's colours
 * ({@link OverlayRenderer}).
 */
public final class ResultMarkers {
    /** Namespace of the detection boxes. */
    public static final String DETECTIONS = "detections";
    /** Namespace of the lanes. */
    public static final String LANES = "lanes";
    /** Line width ({@code scale.x}) in pixels. */
    public static final double LINE_WIDTH = 2;

    private ResultMarkers() {
    }

    /** A vertex in image pixels. */
    public record Vertex(double x, double y) {
    }

    /** A colour as RViz takes it: red, green, blue, alpha in [0, 1]. */
    public record Rgba(float r, float g, float b, float a) {
    }

    /**
     * One LINE_STRIP marker.
     *
     * @param ns       {@value #DETECTIONS} or {@value #LANES}
     * @param id       index within the namespace
     * @param vertices the polyline (a box is closed: five vertices)
     * @param colour   its colour
     */
    public record Outline(String ns, int id, List<Vertex> vertices, Rgba colour) {
        public Outline {
            vertices = List.copyOf(vertices);
        }
    }

    /** The markers of {@code r}: its boxes, then its lanes. */
    public static List<Outline> of(PerceptionResult r) {
        List<Outline> out = new ArrayList<>(r.detections().size() + r.lanes().size());
        int id = 0;
        for (Detection d : r.detections()) {
            BoundingBox b = d.box();
            out.add(new Outline(DETECTIONS, id++, List.of(new Vertex(b.x1(), b.y1()), new Vertex(b.x2(), b.y1()),
                    new Vertex(b.x2(), b.y2()), new Vertex(b.x1(), b.y2()), new Vertex(b.x1(), b.y1())),
                    classColour(d.label())));
        }
        id = 0;
        for (dev.triage.perception.core.Lane lane : r.lanes()) {
            List<Vertex> pts = new ArrayList<>(lane.points().size());
            lane.points().forEach(p -> pts.add(new Vertex(p.x(), p.y())));
            out.add(new Outline(LANES, id++, pts, slotColour(lane.slot())));
        }
        return out;
    }

    /** Colour of a detection class: the overlay's ({@link OverlayRenderer#classColour}). */
    public static Rgba classColour(String label) {
        return rgba(OverlayRenderer.classColour(label));
    }

    /** Colour of a lane slot: the overlay's ({@link OverlayRenderer#laneColour}). */
    public static Rgba slotColour(int slot) {
        return rgba(OverlayRenderer.laneColour(slot));
    }

    private static Rgba rgba(Scalar bgr) {
        return new Rgba((float) (bgr.val[2] / 255), (float) (bgr.val[1] / 255), (float) (bgr.val[0] / 255), 1f);
    }
}
