package dev.triage.perception.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per scene name, shared by the overlay banner and the report timeline: {@code urban} orange and
 * {@code highway} blue as always, any other scene the next colour of a fixed list in the order the scenes are given
 * (the gate's class order), so a run's colours do not depend on which scene happens to come first. Colours avoid
 * the report's grey (dropped), red (failed) and dark orange (deadline missed).
 *
 * <pre>{@code
 * ScenePalette palette = ScenePalette.of(List.of("urban", "highway", "night"));
 * String css = palette.hex("night");   // "#8e44ad"
 * }</pre>
 */
public final class ScenePalette {
    /** Colour of the scene {@code urban}. */
    public static final String URBAN = "#ffaa3c";
    /** Colour of the scene {@code highway}. */
    public static final String HIGHWAY = "#2896ff";
    /** Colour of a scene the palette was not given. */
    public static final String UNKNOWN = "#888888";
    private static final List<String> OTHERS = List.of("#8e44ad", "#2ca02c", "#e377c2", "#17becf", "#8c564b",
            "#bcbd22", "#1f3a93", "#f4d03f");

    private final Map<String, String> colours = new LinkedHashMap<>();

    private ScenePalette(List<String> scenes) {
        int next = 0;
        for (String scene : scenes) {
            if (colours.containsKey(scene)) {
                continue;
            }
            String fixed = fixed(scene);
            colours.put(scene, fixed != null ? fixed : OTHERS.get(next++ % OTHERS.size()));
        }
    }

    /** A palette for {@code scenes}, in their order. */
    public static ScenePalette of(List<String> scenes) {
        return new ScenePalette(scenes);
    }

    private static String fixed(String scene) {
        return switch (scene) {
            case "urban" -> URBAN;
            case "highway" -> HIGHWAY;
            default -> null;
        };
    }

    /** CSS colour {@code #rrggbb} of {@code scene}; {@link #UNKNOWN} for a scene not given. */
    public String hex(String scene) {
        String c = colours.get(scene);
        if (c != null) {
            return c;
        }
        String f = fixed(scene);
        return f != null ? f : UNKNOWN;
    }

    /** Blue, green, red of {@code scene} in 0..255 (the channel order OpenCV draws in). */
    public double[] bgr(String scene) {
        int rgb = Integer.parseInt(hex(scene).substring(1), 16);
        return new double[] {rgb & 0xff, (rgb >> 8) & 0xff, (rgb >> 16) & 0xff};
    }
}
