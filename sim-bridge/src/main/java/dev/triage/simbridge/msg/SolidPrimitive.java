package dev.triage.simbridge.msg;

import java.util.Arrays;

/**
 * shape_msgs/SolidPrimitive: a box, sphere, cylinder or cone centred on its frame's origin. The dimensions array is
 * copied in and out, and takes part in {@code equals}.
 *
 * @param type       {@link #BOX}, {@link #SPHERE}, {@link #CYLINDER} or {@link #CONE} (uint8)
 * @param dimensions sizes, indexed by {@link #BOX_X} and the other index constants
 */
public record SolidPrimitive(int type, double[] dimensions) {

    /** type: a box. */
    public static final int BOX = 1;
    /** type: a sphere. */
    public static final int SPHERE = 2;
    /** type: a cylinder along z. */
    public static final int CYLINDER = 3;
    /** type: a cone along z. */
    public static final int CONE = 4;

    /** Index of a box's full length along x. */
    public static final int BOX_X = 0;
    /** Index of a box's full length along y. */
    public static final int BOX_Y = 1;
    /** Index of a box's full length along z. */
    public static final int BOX_Z = 2;
    /** Index of a sphere's radius. */
    public static final int SPHERE_RADIUS = 0;
    /** Index of a cylinder's height. */
    public static final int CYLINDER_HEIGHT = 0;
    /** Index of a cylinder's radius. */
    public static final int CYLINDER_RADIUS = 1;
    /** Index of a cone's height. */
    public static final int CONE_HEIGHT = 0;
    /** Index of a cone's base radius. */
    public static final int CONE_RADIUS = 1;

    /** Checks that {@code type} fits a uint8 and copies the dimensions. */
    public SolidPrimitive {
        if (type < 0 || type > 0xff) {
            throw new IllegalArgumentException("type must be a uint8, got " + type);
        }
        dimensions = dimensions.clone();
    }

    /** A box with full edge lengths {@code x}, {@code y}, {@code z}. */
    public static SolidPrimitive box(double x, double y, double z) {
        return new SolidPrimitive(BOX, new double[]{x, y, z});
    }

    /** A copy of the dimensions. */
    @Override
    public double[] dimensions() {
        return dimensions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SolidPrimitive s && s.type == type && Arrays.equals(s.dimensions, dimensions);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(dimensions);
    }

    @Override
    public String toString() {
        return "SolidPrimitive[type=" + type + ", dimensions=" + Arrays.toString(dimensions) + "]";
    }
}
