package dev.triage.datasets.synthetic;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes the {@code synthetic:} source spec.
 *
 * <pre>
 * synthetic[:key=value[,key=value...]]
 *   seed=LONG                          default 1
 *   route=SCENE:FRAMES[/SCENE:FRAMES]  default urban:200/highway:200/urban:200; SCENE is urban or highway
 *   width=INT                          default 640 (64..4096)
 *   height=INT                         default 480 (48..4096)
 * </pre>
 * For example {@code synthetic:seed=7,route=urban:200/highway:200/urban:200}.
 */
public final class SyntheticSpec {

    /** The scheme prefix. */
    public static final String SCHEME = "synthetic";
    /** Keys accepted after the scheme. */
    public static final Set<String> KEYS = Set.of("seed", "route", "width", "height");
    private static final String ALLOWED = "seed, route, width, height";

    private SyntheticSpec() {
    }

    /** Whether {@code spec} names a synthetic source (starts with {@code synthetic}). */
    public static boolean matches(String spec) {
        if (spec == null) {
            return false;
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        return s.equals(SCHEME) || s.startsWith(SCHEME + ":");
    }

    /**
     * Parses a spec into a config; unspecified keys take the defaults of {@link SyntheticConfig#defaults()}.
     *
     * @throws IllegalArgumentException naming the bad key or value and what is allowed
     */
    public static SyntheticConfig parse(String spec) {
        if (!matches(spec)) {
            throw new IllegalArgumentException("not a synthetic spec: '" + spec + "'; expected synthetic[:key=value,...] "
                    + "with keys " + ALLOWED);
        }
        String body = spec.trim().substring(SCHEME.length());
        if (body.startsWith(":")) {
            body = body.substring(1);
        }
        SyntheticConfig d = SyntheticConfig.defaults();
        long seed = d.seed();
        int width = d.width();
        int height = d.height();
        Route route = d.route();
        Set<String> seen = new LinkedHashSet<>();
        if (!body.isBlank()) {
            for (String item : body.split(",")) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("bad synthetic setting '" + item + "'; expected key=value with keys "
                            + ALLOWED);
                }
                String key = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = item.substring(eq + 1).trim();
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown synthetic key '" + key + "'; allowed keys: " + ALLOWED);
                }
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("synthetic key '" + key + "' given twice");
                }
                switch (key) {
                    case "seed" -> seed = parseLong(key, value);
                    case "width" -> width = parseInt(key, value, SyntheticConfig.MIN_WIDTH);
                    case "height" -> height = parseInt(key, value, SyntheticConfig.MIN_HEIGHT);
                    case "route" -> {
                        try {
                            route = Route.parse(value);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("bad synthetic key 'route': " + e.getMessage(), e);
                        }
                    }
                    default -> throw new IllegalStateException(key);
                }
            }
        }
        return new SyntheticConfig(seed, width, height, route);
    }

    /** The canonical spec of {@code config}; {@link #parse} of it gives back an equal config. */
    public static String format(SyntheticConfig config) {
        return SCHEME + ":seed=" + config.seed() + ",route=" + config.route().toSpec() + ",width=" + config.width()
                + ",height=" + config.height();
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad synthetic key '" + key + "': '" + value + "' is not an integer", e);
        }
    }

    private static int parseInt(String key, String value, int min) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad synthetic key '" + key + "': '" + value + "' is not an integer; allowed "
                    + min + ".." + SyntheticConfig.MAX_SIZE, e);
        }
        if (v < min || v > SyntheticConfig.MAX_SIZE) {
            throw new IllegalArgumentException("bad synthetic key '" + key + "': " + v + " out of range " + min + ".."
                    + SyntheticConfig.MAX_SIZE);
        }
        return v;
    }
}
