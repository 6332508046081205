package dev.triage.experts.decode;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a detector's "person on a mount" into one rider detection, for detectors (COCO ones) that have no cyclist
 * class: a {@code person} box paired with a {@code bicycle} or {@code motorcycle} box becomes one detection labelled
 * by the mount (e.g. {@code cyclist}) whose box covers both, as KITTI and Cityscapes label a rider with the vehicle.
 *
 * <p>A person rides a mount when the person's horizontal centre lies over the mount (a rider sits between the
 * wheels; someone walking beside or pushing a bicycle stands off to its side), the person's top is above the
 * mount's top, and at least {@value #MIN_MOUNT_COVER} of the mount's area lies inside the person's box
 * widened by half its width (riders lean, pedals stick out). Pairs are taken greedily by that cover, each box at
 * most once. Mounts without a rider are returned with the rest (a label map usually drops them). Pure and
 * stateless.
 *
 * <pre>{@code
 * RiderRule rule = new RiderRule("person", Map.of("bicycle", "cyclist", "motorcycle", "cyclist"));
 * RiderRule.Split split = rule.apply(detectionsWithModelClassNames);
 * }</pre>
 *
 * @param riderClass the model class that rides (e.g. {@code person})
 * @param mounts     model class of a mount → the label of its rider (e.g. {@code bicycle → cyclist})
 */
public record RiderRule(String riderClass, Map<String, String> mounts) {

    /** Least share of the mount's area that must lie inside the (widened) person box. */
    public static final double MIN_MOUNT_COVER = 0.3;

    public RiderRule {
        Objects.requireNonNull(riderClass, "riderClass");
        mounts = Map.copyOf(mounts);
        if (mounts.containsKey(riderClass)) {
            throw new IllegalArgumentException("riders: '" + riderClass + "' cannot ride itself");
        }
    }

    /** The rule that pairs nothing. */
    public static RiderRule none() {
        return new RiderRule("person", Map.of());
    }

    /** Whether {@code modelClass} is a mount this rule pairs. */
    public boolean isMount(String modelClass) {
        return mounts.containsKey(modelClass);
    }

    /**
     * Pairs riders with mounts.
     *
     * @param detections detections labelled with the model's class names
     * @return the rider detections (final labels) and everything else, unchanged
     */
    public Split apply(List<Detection> detections) {
        if (mounts.isEmpty()) {
            return new Split(List.of(), List.copyOf(detections));
        }
        List<Pair> pairs = new ArrayList<>();
        for (int p = 0; p < detections.size(); p++) {
            Detection person = detections.get(p);
            if (!person.label().equals(riderClass)) {
                continue;
            }
            for (int m = 0; m < detections.size(); m++) {
                Detection mount = detections.get(m);
                if (isMount(mount.label())) {
                    double cover = cover(person.box(), mount.box());
                    if (cover >= MIN_MOUNT_COVER) {
                        pairs.add(new Pair(p, m, cover));
                    }
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::cover).reversed());
        boolean[] used = new boolean[detections.size()];
        List<Detection> riders = new ArrayList<>();
        for (Pair pair : pairs) {
            if (used[pair.person()] || used[pair.mount()]) {
                continue;
            }
            used[pair.person()] = true;
            used[pair.mount()] = true;
            Detection person = detections.get(pair.person());
            Detection mount = detections.get(pair.mount());
            riders.add(new Detection(mounts.get(mount.label()), person.score(), union(person.box(), mount.box())));
        }
        List<Detection> rest = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            if (!used[i]) {
                rest.add(detections.get(i));
            }
        }
        return new Split(riders, rest);
    }

    /** 0 unless the person could sit on the mount; else the share of the mount inside the widened person box. */
    private static double cover(BoundingBox person, BoundingBox mount) {
        double personCentreX = (person.x1() + person.x2()) / 2;
        if (personCentreX < mount.x1() || personCentreX > mount.x2() || person.y1() >= mount.y1()
                || mount.area() <= 0) {
            return 0;
        }
        double widen = person.width() / 2;
        double iw = Math.min(person.x2() + widen, mount.x2()) - Math.max(person.x1() - widen, mount.x1());
        double ih = Math.min(person.y2(), mount.y2()) - Math.max(person.y1(), mount.y1());
        return iw <= 0 || ih <= 0 ? 0 : iw * ih / mount.area();
    }

    private static BoundingBox union(BoundingBox a, BoundingBox b) {
        return new BoundingBox(Math.min(a.x1(), b.x1()), Math.min(a.y1(), b.y1()), Math.max(a.x2(), b.x2()),
                Math.max(a.y2(), b.y2()));
    }

    /**
     * The outcome of {@link #apply}.
     *
     * @param riders one detection per rider, labelled by its mount and boxed around both
     * @param rest   every detection that was not paired, with its model class name
     */
    public record Split(List<Detection> riders, List<Detection> rest) {
        public Split {
            riders = List.copyOf(riders);
            rest = List.copyOf(rest);
        }
    }

    private record Pair(int person, int mount, double cover) {
    }
}
