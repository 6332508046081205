package dev.triage.launch.wiring;

import dev.triage.inference.ModelLoadException;
import dev.triage.perception.spi.Expert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expert families Triage can build, keyed by the model sidecar's {@code kind}: {@code centernet},
 * {@code yolo} and {@code row_anchor_lanes}. {@link #load} finds the kind (the sidecar's, or {@code yolo} for an
 * entry with a {@code yolo} section and no sidecar), checks it against the entry's optional {@code kind} and the
 * entry's keys against the kind's, then lets the kind build the expert. Errors name the YAML key and the sidecar.
 *
 * <pre>{@code
 * Expert night = ExpertRegistry.defaults().load(new ExpertRequest("night", entry, files, sidecars, runtime));
 * }</pre>
 */
public final class ExpertRegistry {
    private final Map<String, ExpertKind> kinds = new LinkedHashMap<>();

    private ExpertRegistry(List<ExpertKind> kinds) {
        kinds.forEach(k -> this.kinds.put(k.kind(), k));
    }

    /** The kinds shipped with Triage. */
    public static ExpertRegistry defaults() {
        return new ExpertRegistry(List.of(new CenterNetKind(), new YoloKind(), new RowAnchorLanesKind()));
    }

    /** The builder of {@code kind}, if there is one. */
    public Optional<ExpertKind> kind(String kind) {
        return Optional.ofNullable(kinds.get(kind));
    }

    /** The kinds known, in registration order. */
    public List<String> kinds() {
        return List.copyOf(kinds.keySet());
    }

    /**
     * Loads the expert {@code r} describes.
     *
     * @throws StackFactory.StackException when the sidecar's kind is unknown, differs from the entry's {@code kind},
     *                                     or the entry sets a key the kind does not take
     * @throws ModelLoadException          when the model does not load
     */
    public Expert load(ExpertRequest r) throws StackFactory.StackException, ModelLoadException {
        String found = r.config().yolo() != null ? "yolo" : r.sidecars().kind(r.files().sidecar());
        String from = r.config().yolo() != null ? "its yolo section" : r.files().sidecar().toString();
        if (r.config().kind() != null && !r.config().kind().equals(found)) {
            throw new StackFactory.StackException(r.key() + ".kind is '" + r.config().kind() + "', but " + from
                    + " describes kind '" + found + "'");
        }
        ExpertKind kind = kinds.get(found);
        if (kind == null) {
            throw new StackFactory.StackException(r.files().sidecar() + ": kind '" + found + "' is no expert Triage "
                    + "can build (known: " + String.join(", ", kinds.keySet()) + "), named by " + r.key() + ".model");
        }
        for (String key : r.config().parameterKeys()) {
            if (!kind.keys().contains(key)) {
                throw new StackFactory.StackException(r.key() + "." + key + " does not apply: " + from
                        + " describes kind '" + found + "', whose keys are " + String.join(", ",
                        kind.keys().stream().sorted().toList()));
            }
        }
        return kind.load(r);
    }
}
