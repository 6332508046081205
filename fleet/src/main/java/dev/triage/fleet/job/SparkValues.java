package dev.triage.fleet.job;

import scala.jdk.javaapi.CollectionConverters;

import java.util.Map;

/** Java collections as the external types Spark's row encoder takes for MAP columns. */
final class SparkValues {
    private SparkValues() {
    }

    /** A MAP value, or null for null. */
    static scala.collection.Map<?, ?> map(Map<?, ?> map) {
        return map == null ? null : CollectionConverters.asScala(map);
    }
}
