package dev.triage.launch.wiring;

import java.util.Set;

/**
 * An {@link ExpertKind} whose sidecar kind and YAML keys are fixed data given at construction; the subclass only
 * says how to load its expert.
 */
abstract class NamedExpertKind implements ExpertKind {
    private final String kind;
    private final Set<String> keys;

    /**
     * @param kind the sidecar kind, e.g. {@code centernet}
     * @param keys the YAML keys an expert of this kind takes besides {@code kind}, {@code model} and {@code scenes}
     */
    NamedExpertKind(String kind, Set<String> keys) {
        this.kind = kind;
        this.keys = Set.copyOf(keys);
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final Set<String> keys() {
        return keys;
    }
}
