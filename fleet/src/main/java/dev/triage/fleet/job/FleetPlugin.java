package dev.triage.fleet.job;

import dev.triage.fleet.exec.StackPool;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Closes an executor's loaded models when Spark stops the executor ({@code spark.plugins}, set by
 * {@link SparkSettings}); the JVM shutdown hook of {@link StackPool} covers executors that are killed instead.
 */
public final class FleetPlugin implements SparkPlugin {

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void shutdown() {
                StackPool.shared().closeStacks();
            }
        };
    }
}
