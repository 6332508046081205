package dev.triage.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.fleet.plan.DriveList;
import dev.triage.fleet.plan.Recording;
import dev.triage.fleet.store.HadoopFiles;
import dev.triage.fleet.store.LocalCopy;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet job against a real HDFS: a {@code MiniDFSCluster} (NameNode and one DataNode in this JVM, every socket on
 * 127.0.0.1) holds the recordings (three synthetic videos and a corrupt file); the job runs in {@code local[2]} with
 * an {@code hdfs://} folder of drives and an {@code hdfs://} {@code --out}, A/B against {@code always_urban} with one
 * clip, and once more on the local copies of the same recordings. The Parquet tables, the summary, the report and the
 * clip read back from HDFS match the local run (same frames, same scenes); the corrupt recording is reported with its
 * {@code hdfs://} URI; the executors' local copies are gone after the job.
 */
class FleetHdfsTest {
    @TempDir
    static Path tmp;
    static MiniDFSCluster dfs;
    static FileSystem hdfs;
    static TestDrives.Fleet fleet;
    static String drivesUri;
    static String outUri;
    static Path localOut;
    static FleetRun local;
    static FleetRun remote;
    static Set<String> copiesBefore;
    static Set<String> copiesAfter;
    static final TableReader TABLES = new TableReader();

    @BeforeAll
    static void runTheJobOnHdfsAndOnLocalPaths() throws Exception {
        // the NameNode logs every RPC (audit) and block at INFO: keep the test's output readable
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.hadoop", "warn");
        fleet = TestDrives.writeVideos(tmp.resolve("drives"), 3);
        dfs = new MiniDFSCluster.Builder(loopbackConf()).numDataNodes(1).build();
        dfs.waitActive();
        // the NameNode by address: "localhost" (what MiniDFSCluster's own URI says) might resolve to ::1
        String root = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
        hdfs = FileSystem.get(URI.create(root), new Configuration());
        drivesUri = root + "/fleet/drives";
        outUri = root + "/fleet/out";
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(fleet.dir().toUri()),
                new org.apache.hadoop.fs.Path(drivesUri));

        localOut = tmp.resolve("local-out");
        local = FleetRun.run(localOut, fleet.dir().toString(), "--out", localOut.toString(), "--master", "local[2]",
                "--baseline-policy", "always_urban", "--clips", "1");
        copiesBefore = localCopies();
        remote = FleetRun.run(() -> new ObjectMapper().readTree(read("fleet_summary.json")), drivesUri,
                "--out", outUri, "--master", "local[2]", "--baseline-policy", "always_urban", "--clips", "1");
        copiesAfter = localCopies();
    }

    /** NameNode and DataNode on 127.0.0.1 only (RPC, data transfer, IPC and HTTP), data under the test's folder. */
    private static Configuration loopbackConf() {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
        conf.set("hadoop.tmp.dir", tmp.resolve("hadoop-tmp").toString());
        for (String key : List.of("dfs.namenode.rpc-bind-host", "dfs.namenode.servicerpc-bind-host",
                "dfs.namenode.http-bind-host", "dfs.namenode.https-bind-host")) {
            conf.set(key, "127.0.0.1");
        }
        for (String key : List.of("dfs.namenode.http-address", "dfs.namenode.https-address",
                "dfs.datanode.address", "dfs.datanode.http.address", "dfs.datanode.https.address",
                "dfs.datanode.ipc.address")) {
            conf.set(key, "127.0.0.1:0");
        }
        return conf;
    }

    @AfterAll
    static void stop() {
        TABLES.close();
        if (dfs != null) {
            dfs.shutdown();
        }
    }

    private static String read(String name) throws IOException {
        try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(outUri + "/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> localCopies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(LocalCopy.TEMP_PREFIX))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void theClusterListensOnLoopbackOnly() {
        assertLoopback("NameNode RPC", dfs.getNameNode().getNameNodeAddress());
        assertLoopback("NameNode HTTP", dfs.getNameNode().getHttpAddress());
        DataNode dn = dfs.getDataNodes().get(0);
        assertLoopback("DataNode transfer", dn.getXferAddress());
        assertEquals("127.0.0.1", dn.getDatanodeId().getIpAddr());
        assertTrue(drivesUri.startsWith("hdfs://127.0.0.1:"), drivesUri);
    }

    private static void assertLoopback(String what, InetSocketAddress address) {
        assertTrue(address.getAddress().isLoopbackAddress(), what + " bound to " + address);
    }

    @Test
    void theParquetTablesOnHdfsHoldTheSameFramesAndScenesAsTheLocalRun() {
        List<String> onHdfs = frames(outUri + "/frames");
        assertEquals(fleet.totalFrames(), onHdfs.size());
        assertEquals(frames(localOut.resolve("frames").toString()), onHdfs);
        List<String> drivesOnHdfs = drives(outUri + "/drives");
        assertEquals(fleet.frames().size() + 1, drivesOnHdfs.size(), drivesOnHdfs.toString());
        assertEquals(drives(localOut.resolve("drives").toString()), drivesOnHdfs);
    }

    /** "drive seq scene" of every frame, sorted. */
    private static List<String> frames(String table) {
        return TABLES.parquet(table).orderBy("drive", "seq").select("drive", "seq", "scene")
                .collectAsList().stream().map(r -> r.getString(0) + " " + r.getLong(1) + " " + r.getString(2))
                .toList();
    }

    /** "drive ok frames scene_flips" of every drive, sorted. */
    private static List<String> drives(String table) {
        return TABLES.parquet(table).orderBy("drive").collectAsList().stream()
                .map(r -> r.getAs("drive") + " " + r.getAs("ok") + " " + r.getAs("frames") + " "
                        + r.getAs("scene_flips")).toList();
    }

    @Test
    void theSummaryOnHdfsMatchesTheLocalRunAndNamesTheCorruptRecordingByItsUri() {
        assertEquals(3, local.exitCode(), local.stderr());
        assertEquals(3, remote.exitCode(), remote.stderr());
        JsonNode l = local.summary();
        JsonNode r = remote.summary();
        for (String field : List.of("drives_ok", "tasks", "frames", "frames_failed", "gate_switches")) {
            assertEquals(l.get(field), r.get(field), field);
        }
        assertEquals(fleet.frames().size(), r.get("drives_ok").asInt());
        assertEquals(fleet.totalFrames(), r.get("frames").asLong());
        assertEquals(l.get("ab").get("frames_compared"), r.get("ab").get("frames_compared"));
        assertEquals(l.get("ab").get("scene_flips"), r.get("ab").get("scene_flips"));
        assertEquals(1, r.get("drives_failed").size(), r.toPrettyString());
        JsonNode failed = r.get("drives_failed").get(0);
        String uri = drivesUri + "/" + TestDrives.CORRUPT;
        assertEquals(TestDrives.CORRUPT, failed.get("drive").asText());
        assertEquals(uri, failed.get("recording").asText());
        assertTrue(failed.get("error").asText().startsWith(uri + ": "), failed.toString());
        assertFalse(failed.get("error").asText().contains(LocalCopy.TEMP_PREFIX), "no local copy named: " + failed);
        assertTrue(remote.stderr().contains(uri), "the error is printed with the URI");
    }

    @Test
    void theReportAndTheClipAreWrittenToHdfs() throws IOException {
        String report = read("fleet_report.html");
        assertTrue(report.contains(drivesUri + "/" + TestDrives.CORRUPT), "the failed drive's URI in the report");
        List<String> localClips;
        try (Stream<Path> files = Files.list(localOut.resolve("clips"))) {
            localClips = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        FileStatus[] clips = hdfs.listStatus(new org.apache.hadoop.fs.Path(outUri + "/clips"));
        assertEquals(localClips, Arrays.stream(clips).map(s -> s.getPath().getName()).sorted().toList());
        assertEquals(1, clips.length, "--clips 1");
        assertTrue(clips[0].getLen() > 1000, "an mp4, not an empty file: " + clips[0]);
        assertTrue(report.contains("href=\"clips/" + clips[0].getPath().getName() + "\""), "the report links it");
        assertEquals(1, remote.summary().get("clips").get("rendered").asInt());
    }

    @Test
    void globsAndListFilesOnHdfsResolveToUrisWithTheirSizes() throws Exception {
        String listUri = drivesUri.replace("/drives", "/fleet.txt");
        try (var out = hdfs.create(new org.apache.hadoop.fs.Path(listUri))) {
            out.write(("# relative to the list, and absolute\ndrives/synthetic_1.avi\n" + drivesUri + "/"
                    + TestDrives.CORRUPT + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<Recording> listed = DriveList.resolve(listUri, HadoopFiles.of(Map.of()));
        assertEquals(List.of(drivesUri + "/synthetic_1.avi", drivesUri + "/" + TestDrives.CORRUPT),
                listed.stream().map(Recording::spec).toList());
        assertEquals(Files.size(fleet.dir().resolve("synthetic_1.avi")), listed.get(0).bytes(),
                "the size from HDFS: large remote recordings are split like local ones");
        List<Recording> globbed = DriveList.resolve(drivesUri + "/synthetic_[02].*", HadoopFiles.of(Map.of()));
        assertEquals(List.of("synthetic_0.avi", "synthetic_2.avi"), globbed.stream().map(Recording::driveId).toList());
    }

    @Test
    void everyLocalCopyIsDeletedAfterItsTask() {
        assertEquals(copiesBefore, copiesAfter, "local copies left in java.io.tmpdir");
    }
}
