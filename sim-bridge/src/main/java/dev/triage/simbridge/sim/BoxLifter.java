package dev.triage.simbridge.sim;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.ros.msg.geometry.Point;
import dev.triage.ros.msg.geometry.Pose;
import dev.triage.ros.msg.geometry.Quaternion;
import dev.triage.ros.msg.std.Header;
import dev.triage.simbridge.msg.DerivedObject;
import dev.triage.simbridge.msg.SolidPrimitive;
import dev.triage.simbridge.truth.PinholeCamera;
import dev.triage.simbridge.truth.RigidTransform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns labelled 2D boxes into CARLA-style 3D ground-truth objects: each box becomes an upright, camera-aligned 3D
 * box whose near face lies at the distance where an object of its class's typical height (pedestrian 1.75 m,
 * cyclist 1.7 m, vehicle 1.5 m) has the box's pixel height, with its length along the view (0.5, 1.7 and 4.2 m)
 * behind it, and whose sides are placed so that the hull of its projected corners is exactly the 2D box. Projecting
 * the objects back ({@code ObjectProjector}) gives the original boxes.
 */
public final class BoxLifter {

    private BoxLifter() {
    }

    /**
     * @param boxes         labelled boxes in image pixels of {@code camera}
     * @param header        the objects' header (frame and stamp)
     * @param frameFromCam  maps camera-frame points into the header's frame
     * @param camera        the camera the boxes were seen by
     */
    public static List<DerivedObject> lift(List<Detection> boxes, Header header, RigidTransform frameFromCam,
                                           PinholeCamera camera) {
        List<DerivedObject> out = new ArrayList<>();
        long id = 1;
        for (Detection d : boxes) {
            Optional<double[]> size = sizeOf(d.label());
            BoundingBox b = d.box();
            if (size.isEmpty() || b.height() < 1 || b.width() < 1) {
                continue;
            }
            double height = size.get()[1];
            double near = camera.fy() * height / b.height();
            // a long object seen from the side cannot have a narrow box: shorten it until the far face fits inside
            double length = Math.min(size.get()[0], 0.9 * Math.min(
                    maxLength(b.x1() - camera.cx(), b.x2() - camera.cx(), near),
                    maxLength(b.y1() - camera.cy(), b.y2() - camera.cy(), near)));
            double far = near + length;
            // each edge of the 2D box is the hull of the near and the far face: an edge on the far side of the
            // optical axis comes from the near face, one on the axis' side from the far face
            double left = (b.x1() - camera.cx()) * (b.x1() < camera.cx() ? near : far) / camera.fx();
            double right = (b.x2() - camera.cx()) * (b.x2() > camera.cx() ? near : far) / camera.fx();
            double top = (b.y1() - camera.cy()) * (b.y1() < camera.cy() ? near : far) / camera.fy();
            double bottom = (b.y2() - camera.cy()) * (b.y2() > camera.cy() ? near : far) / camera.fy();
            double[] c = camera.point((left + right) / 2, (top + bottom) / 2, near + length / 2);
            double width = right - left;
            double boxHeight = bottom - top;
            double[] inFrame = frameFromCam.apply(c[0], c[1], c[2]);
            // box axes: x along the camera's view, y lateral, z up (an upright object in front of the camera)
            Pose pose = new Pose(new Point(inFrame[0], inFrame[1], inFrame[2]), orientation(frameFromCam, camera));
            out.add(new DerivedObject(header, id++, DerivedObject.OBJECT_TRACKED, true, pose,
                    SolidPrimitive.box(length, width, boxHeight), (int) size.get()[2], 255, 1));
        }
        return out;
    }

    /** Longest depth extent for which the far face stays inside edges at offsets {@code lo < hi} from the axis. */
    private static double maxLength(double lo, double hi, double near) {
        if (lo < 0 && hi > 0) {
            return Double.MAX_VALUE;  // straddles the axis: the near face is the hull on both sides
        }
        double outer = Math.max(Math.abs(lo), Math.abs(hi));
        double inner = Math.min(Math.abs(lo), Math.abs(hi));
        return inner < 1e-9 ? Double.MAX_VALUE : near * (outer / inner - 1);
    }

    private static Quaternion orientation(RigidTransform frameFromCam, PinholeCamera camera) {
        if (!camera.optical()) {
            return new Quaternion(frameFromCam.qx(), frameFromCam.qy(), frameFromCam.qz(), frameFromCam.qw());
        }
        // optical (x right, y down, z forward) to body (x forward, y left, z up)
        RigidTransform opticalFromBody = new RigidTransform(0.5, -0.5, 0.5, 0.5, 0, 0, 0);
        RigidTransform r = frameFromCam.compose(opticalFromBody);
        return new Quaternion(r.qx(), r.qy(), r.qz(), r.qw());
    }

    /** {length, height, classification} of a Triage label as a CARLA object. */
    private static Optional<double[]> sizeOf(String label) {
        return switch (label) {
            case "pedestrian" -> Optional.of(new double[] {0.5, 1.75, DerivedObject.CLASSIFICATION_PEDESTRIAN});
            case "cyclist" -> Optional.of(new double[] {1.7, 1.7, DerivedObject.CLASSIFICATION_BIKE});
            case "vehicle" -> Optional.of(new double[] {4.2, 1.5, DerivedObject.CLASSIFICATION_CAR});
            default -> Optional.empty();
        };
    }
}
