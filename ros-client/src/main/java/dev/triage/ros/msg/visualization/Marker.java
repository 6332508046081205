package dev.triage.ros.msg.visualization;

import dev.triage.ros.msg.RosDuration;
import dev.triage.ros.msg.geometry.Point;
import dev.triage.ros.msg.geometry.Pose;
import dev.triage.ros.msg.geometry.Vector3;
import dev.triage.ros.msg.std.ColorRGBA;
import dev.triage.ros.msg.std.Header;

import java.util.List;
import java.util.Objects;

/**
 * visualization_msgs/Marker: one rviz shape (Triage draws lanes as LINE_STRIPs and boxes as LINE_LISTs).
 *
 * @param header                   stamp and frame
 * @param ns                       namespace; with {@code id} it names the marker
 * @param id                       id within the namespace
 * @param type                     shape, one of the type constants
 * @param action                   {@link #ADD}, {@link #DELETE} or {@link #DELETEALL}
 * @param pose                     pose of the shape
 * @param scale                    size (line width in x for line markers)
 * @param color                    colour
 * @param lifetime                 how long rviz keeps it; zero is forever
 * @param frameLocked              whether rviz re-transforms it every frame
 * @param points                   vertices of line and point shapes
 * @param colors                   per-vertex colours: empty or one per point
 * @param text                     text of TEXT_VIEW_FACING markers
 * @param meshResource             mesh of MESH_RESOURCE markers
 * @param meshUseEmbeddedMaterials whether the mesh's materials apply
 */
public record Marker(Header header, String ns, int id, int type, int action, Pose pose, Vector3 scale, ColorRGBA color,
                     RosDuration lifetime, boolean frameLocked, List<Point> points, List<ColorRGBA> colors, String text,
                     String meshResource, boolean meshUseEmbeddedMaterials) {

    /** Type: an arrow. */
    public static final int ARROW = 0;
    /** Type: a cube. */
    public static final int CUBE = 1;
    /** Type: a sphere. */
    public static final int SPHERE = 2;
    /** Type: a cylinder. */
    public static final int CYLINDER = 3;
    /** Type: a polyline through {@code points}. */
    public static final int LINE_STRIP = 4;
    /** Type: a segment per pair of {@code points}. */
    public static final int LINE_LIST = 5;
    /** Type: cubes at {@code points}. */
    public static final int CUBE_LIST = 6;
    /** Type: spheres at {@code points}. */
    public static final int SPHERE_LIST = 7;
    /** Type: points. */
    public static final int POINTS = 8;
    /** Type: text facing the viewer. */
    public static final int TEXT_VIEW_FACING = 9;
    /** Type: a mesh. */
    public static final int MESH_RESOURCE = 10;
    /** Type: triangles from {@code points}. */
    public static final int TRIANGLE_LIST = 11;
    /** Action: add or modify. */
    public static final int ADD = 0;
    /** Action: delete this marker. */
    public static final int DELETE = 2;
    /** Action: delete every marker. */
    public static final int DELETEALL = 3;

    public Marker {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(pose, "pose");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(lifetime, "lifetime");
        points = List.copyOf(points);
        colors = List.copyOf(colors);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(meshResource, "meshResource");
    }
}
