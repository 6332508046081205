package dev.triage.simbridge.truth;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.ros.msg.geometry.Pose;
import dev.triage.simbridge.msg.DerivedObject;
import dev.triage.simbridge.msg.SolidPrimitive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Projects derived_object_msgs objects (3D boxes: pose at the box centre, {@code shape} BOX dimensions x, y, z or a
 * CYLINDER) into 2D ground-truth boxes of one camera image: the eight corners go through {@code camera ← objects}
 * and the pinhole model; the box is the corners' hull clipped to the image. Classes map to Triage's labels
 * (pedestrian; bike and motorcycle → cyclist; car, truck, other vehicle → vehicle); other classes are skipped. An
 * object partly behind the camera, or cut to less than {@value #MIN_VISIBLE_FRACTION} of its box by the image edge,
 * becomes an ignore region (neither required nor penalised), as KITTI treats truncated objects.
 */
public final class ObjectProjector {

    /** Visible share of the projected box below which a truncated object is only an ignore region. */
    public static final double MIN_VISIBLE_FRACTION = 0.5;

    /** The projected ground truth of one image. */
    public record Projection(List<Detection> objects, List<BoundingBox> ignore) {
        public Projection {
            objects = List.copyOf(objects);
            ignore = List.copyOf(ignore);
        }
    }

    private ObjectProjector() {
    }

    /** Triage's label of a derived_object_msgs classification, or empty for classes Triage does not detect. */
    public static Optional<String> label(int classification) {
        return switch (classification) {
            case DerivedObject.CLASSIFICATION_PEDESTRIAN -> Optional.of("pedestrian");
            case DerivedObject.CLASSIFICATION_BIKE, DerivedObject.CLASSIFICATION_MOTORCYCLE -> Optional.of("cyclist");
            case DerivedObject.CLASSIFICATION_CAR, DerivedObject.CLASSIFICATION_TRUCK,
                    DerivedObject.CLASSIFICATION_OTHER_VEHICLE -> Optional.of("vehicle");
            default -> Optional.empty();
        };
    }

    /**
     * @param objects       the objects, all in one frame
     * @param cameraFromObj maps that frame's points into the camera frame
     * @param camera        the camera model
     */
    public static Projection project(List<DerivedObject> objects, RigidTransform cameraFromObj, PinholeCamera camera) {
        List<Detection> out = new ArrayList<>();
        List<BoundingBox> ignore = new ArrayList<>();
        for (DerivedObject o : objects) {
            Optional<String> label = label(o.classification());
            Optional<double[]> half = halfExtents(o.shape());
            if (label.isEmpty() || half.isEmpty()) {
                continue;
            }
            RigidTransform cameraFromBox = cameraFromObj.compose(poseTransform(o.pose()));
            double[] h = half.get();
            double minU = Double.MAX_VALUE;
            double minV = Double.MAX_VALUE;
            double maxU = -Double.MAX_VALUE;
            double maxV = -Double.MAX_VALUE;
            int behind = 0;
            for (int i = 0; i < 8; i++) {
                double[] c = cameraFromBox.apply((i & 1) == 0 ? -h[0] : h[0], (i & 2) == 0 ? -h[1] : h[1],
                        (i & 4) == 0 ? -h[2] : h[2]);
                Optional<double[]> uv = camera.project(c);
                if (uv.isEmpty()) {
                    behind++;
                    continue;
                }
                minU = Math.min(minU, uv.get()[0]);
                maxU = Math.max(maxU, uv.get()[0]);
                minV = Math.min(minV, uv.get()[1]);
                maxV = Math.max(maxV, uv.get()[1]);
            }
            if (behind == 8) {
                continue;
            }
            double x1 = clamp(minU, camera.width());
            double x2 = clamp(maxU, camera.width());
            double y1 = clamp(minV, camera.height());
            double y2 = clamp(maxV, camera.height());
            if (x2 - x1 < 1 || y2 - y1 < 1) {
                continue;  // off the image
            }
            BoundingBox clipped = new BoundingBox(x1, y1, x2, y2);
            double full = (maxU - minU) * (maxV - minV);
            if (behind > 0 || clipped.width() * clipped.height() < MIN_VISIBLE_FRACTION * full) {
                ignore.add(clipped);
            } else {
                out.add(new Detection(label.get(), 1.0, clipped));
            }
        }
        return new Projection(out, ignore);
    }

    /** The transform of a pose (object frame → its parent). */
    public static RigidTransform poseTransform(Pose p) {
        return new RigidTransform(p.orientation().x(), p.orientation().y(), p.orientation().z(), p.orientation().w(),
                p.position().x(), p.position().y(), p.position().z());
    }

    private static Optional<double[]> halfExtents(SolidPrimitive s) {
        double[] d = s.dimensions();
        if (s.type() == SolidPrimitive.BOX && d.length >= 3) {
            return Optional.of(new double[] {d[0] / 2, d[1] / 2, d[2] / 2});
        }
        if (s.type() == SolidPrimitive.CYLINDER && d.length >= 2) {
            return Optional.of(new double[] {d[1], d[1], d[0] / 2});  // height, radius
        }
        return Optional.empty();
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
