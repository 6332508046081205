package dev.triage.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scripted drive: segments played one after the other. The ground-truth scene switches exactly at a segment
 * boundary.
 *
 * <p>Syntax: {@code scene:frames[/scene:frames...]}, scene one of {@code urban}, {@code highway};
 * for example {@code urban:200/highway:200/urban:200}.
 *
 * @param segments the stretches in driving order, at least one
 */
public record Route(List<RouteSegment> segments) {

    /** Default drive: 10 s urban, 10 s highway, 10 s urban at 20 fps. */
    public static final String DEFAULT_SPEC = "urban:200/highway:200/urban:200";

    public Route {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one segment");
        }
    }

    /** The default urban, highway, urban drive of 600 frames. */
    public static Route defaultDrive() {
        return parse(DEFAULT_SPEC);
    }

    /**
     * Parses route syntax.
     *
     * @throws IllegalArgumentException naming the bad segment and the allowed values
     */
    public static Route parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("route is empty; expected scene:frames[/scene:frames...], "
                    + "scene one of urban, highway");
        }
        List<RouteSegment> out = new ArrayList<>();
        for (String part : text.trim().split("/")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("bad route segment '" + part + "'; expected scene:frames, "
                        + "for example urban:200");
            }
            Scene scene;
            try {
                scene = Scene.fromWireName(kv[0].toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad scene '" + kv[0] + "' in route segment '" + part
                        + "'; allowed: urban, highway", e);
            }
            int frames;
            try {
                frames = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad frame count '" + kv[1] + "' in route segment '" + part
                        + "'; expected an integer from 1", e);
            }
            if (frames < 1) {
                throw new IllegalArgumentException("bad frame count " + frames + " in route segment '" + part
                        + "'; expected an integer from 1");
            }
            out.add(new RouteSegment(scene, frames));
        }
        return new Route(out);
    }

    /** Frames in the whole drive. */
    public int totalFrames() {
        int n = 0;
        for (RouteSegment s : segments) {
            n += s.frames();
        }
        return n;
    }

    /** Index of the segment that holds {@code frame} (0-based over the whole drive). */
    public int segmentIndexAt(int frame) {
        if (frame < 0) {
            throw new IndexOutOfBoundsException("frame " + frame);
        }
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            start += segments.get(i).frames();
            if (frame < start) {
                return i;
            }
        }
        throw new IndexOutOfBoundsException("frame " + frame + " beyond the route's " + start + " frames");
    }

    /** First frame of segment {@code index}. */
    public int segmentStart(int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start += segments.get(i).frames();
        }
        return start;
    }

    /** Ground-truth scene of {@code frame}. */
    public Scene sceneAt(int frame) {
        return segments.get(segmentIndexAt(frame)).scene();
    }

    /** This route in route syntax. */
    public String toSpec() {
        StringBuilder sb = new StringBuilder();
        for (RouteSegment s : segments) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(s.toSpec());
        }
        return sb.toString();
    }
}
