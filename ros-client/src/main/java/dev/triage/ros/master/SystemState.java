package dev.triage.ros.master;

import java.util.List;
import java.util.Map;

/**
 * The master's getSystemState: for each topic (or service), the nodes involved.
 *
 * @param publishers  topic to publisher node names
 * @param subscribers topic to subscriber node names
 * @param services    service to provider node names
 */
public record SystemState(Map<String, List<String>> publishers, Map<String, List<String>> subscribers,
                          Map<String, List<String>> services) {

    public SystemState {
        publishers = Map.copyOf(publishers);
        subscribers = Map.copyOf(subscribers);
        services = Map.copyOf(services);
    }

    /** Whether {@code node} appears anywhere. */
    public boolean mentions(String node) {
        return publishers.values().stream().anyMatch(l -> l.contains(node))
                || subscribers.values().stream().anyMatch(l -> l.contains(node))
                || services.values().stream().anyMatch(l -> l.contains(node));
    }
}
