package dev.triage.datasets.labels;

import dev.triage.perception.core.ObjectClass;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the class names found in KITTI {@code label_2}, {@code boxes.csv} and {@code boxes_projected.csv} to the
 * shipped classes: {@code Pedestrian} (any case) → pedestrian; {@code Cyclist} → cyclist; {@code Car}, {@code Van},
 * {@code Truck}, {@code Bus} (any case) → vehicle. {@code DontCare}, and classes no expert detects but that look like
 * one ({@code Person_sitting}, {@code Tram}, {@code Misc}, {@code ON_ROAD_OBSTACLE}, anything unknown), become ignore
 * regions: a detection there is neither rewarded nor penalised (KITTI practice).
 */
public final class BoxClasses {
    private static final Set<String> VEHICLES = Set.of("car", "van", "truck", "bus", "vehicle");

    private BoxClasses() {
    }

    /** The shipped class for {@code raw}, or empty when the box is an ignore region. */
    public static Optional<String> map(String raw) {
        String c = raw.trim().toLowerCase(Locale.ROOT);
        if (c.equals("pedestrian") || c.equals("person") || c.equals("walker")) {
            return Optional.of(ObjectClass.PEDESTRIAN);
        }
        if (c.equals("cyclist") || c.equals("bicyclist")) {
            return Optional.of(ObjectClass.CYCLIST);
        }
        if (VEHICLES.contains(c)) {
            return Optional.of(ObjectClass.VEHICLE);
        }
        return Optional.empty();
    }
}
