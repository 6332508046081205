package dev.triage.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same job on a standalone Spark cluster (master and worker on 127.0.0.1, started from this build's Spark jars):
 * the tasks run in a separate executor JVM, which gets the models through the job's files, loads them at most once
 * per task slot, and reports the corrupt drive while processing the others. The drive list comes from a list file;
 * every recording is split into two chunks that together cover each frame once.
 */
class FleetStandaloneTest {
    @TempDir
    Path tmp;

    @Test
    void theJobRunsOnALoopbackStandaloneClusterWithTheModelsShippedToTheExecutor() throws Exception {
        assumeTrue(TestDrives.pythonRosbag(), "Debian's python rosbag is missing (scripts/install-deps.sh installs it)");
        TestDrives.Fleet fleet = TestDrives.write(tmp.resolve("drives"));
        Path list = tmp.resolve("drives.txt");
        List<String> lines = new ArrayList<>(List.of("# the test fleet", ""));
        try (var files = Files.list(fleet.dir())) {
            files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted()
                    .forEach(f -> lines.add("drives/" + f.getFileName()));
        }
        Files.write(list, lines);
        Path out = tmp.resolve("out");
        try (StandaloneCluster cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2)) {
            List<String> args = new ArrayList<>(List.of(list.toString(), "--out", out.toString(), "--master",
                    cluster.masterUrl(), "--bind", "127.0.0.1", "--split-mb", "0.001", "--chunk-frames", "4"));
            args.addAll(StandaloneCluster.driverConf());
            FleetRun run = FleetRun.run(out, args.toArray(String[]::new));
            assertEquals(3, run.exitCode(), run.stderr() + "\nworker log:\n" + tail(cluster.log("worker")));
            JsonNode s = run.summary();
            assertEquals(fleet.frames().size(), s.get("drives_ok").asInt(), s.toPrettyString());
            assertEquals(TestDrives.CORRUPT, s.get("drives_failed").get(0).get("drive").asText());
            // every recording file is above 1 kB: each good one is two chunks, [0, 4) and [4, end); a folder drive
            // counts 0 bytes and stays one task; the corrupt one cannot be counted and stays one task that reports
            // its error
            long folders = fleet.frames().keySet().stream().filter(d -> Files.isDirectory(fleet.dir().resolve(d)))
                    .count();
            assertEquals(2 * (fleet.frames().size() - folders) + folders + 1, s.get("tasks").asInt(),
                    s.toPrettyString());
            assertEquals(fleet.totalFrames(), s.get("frames").asLong(), "every frame once, chunks included");
            assertTrue(s.get("master").asText().startsWith("spark://127.0.0.1:"), s.get("master").asText());
            JsonNode loads = s.get("model_loads_by_executor");
            for (Iterator<String> ids = loads.fieldNames(); ids.hasNext(); ) {
                String id = ids.next();
                assertNotEquals("driver", id, "tasks ran in executor JVMs");
                assertTrue(loads.get(id).asLong() <= 2, "at most one stack per task slot: " + loads);
            }
            assertTrue(Files.isDirectory(out.resolve("frames").resolve("drive=drive.bag")));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
