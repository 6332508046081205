package dev.triage.launch.wiring;

import dev.triage.inference.ModelLoadException;
import dev.triage.perception.spi.Expert;

import java.util.Set;

/**
 * Builds the Java expert for one sidecar {@code kind}: an entry of the {@link ExpertRegistry}. Adding a network
 * family to Triage means one implementation of this and its keys in the schema; adding an expert of a known family
 * is configuration only.
 *
 * <pre>{@code
 * Expert night = registry.kind("centernet").orElseThrow().load(request);
 * }</pre>
 */
public interface ExpertKind {

    /** The sidecar kind this builds, e.g. {@code centernet}. */
    String kind();

    /** The YAML keys an expert of this kind takes besides {@code kind}, {@code model} and {@code scenes}. */
    Set<String> keys();

    /**
     * Loads, warms up and checks the expert.
     *
     * @throws StackFactory.StackException naming the sidecar or YAML key when the configuration does not fit
     * @throws ModelLoadException          naming the model file when it does not load
     */
    Expert load(ExpertRequest request) throws StackFactory.StackException, ModelLoadException;
}
