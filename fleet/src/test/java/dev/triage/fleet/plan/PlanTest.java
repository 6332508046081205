package dev.triage.fleet.plan;

import dev.triage.fleet.store.HadoopFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanTest {
    private static final HadoopFiles FILES = HadoopFiles.of(Map.of());

    @TempDir
    Path dir;

    @Test
    void aFolderGivesItsRecordingsAndSubFoldersSorted() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/z.mp4"), "x");
        Files.writeString(dir.resolve("a/c.bag"), "x");
        Files.writeString(dir.resolve("a/notes.md"), "x");
        Files.writeString(dir.resolve("a/.hidden.mp4"), "x");
        List<Recording> r = DriveList.resolve(dir.resolve("a").toString(), FILES);
        assertEquals(List.of("b", "c.bag", "z.mp4"), r.stream().map(Recording::driveId).toList());
    }

    @Test
    void aGlobAndAListFileWithRelativePathsAndRepeatedNames() throws Exception {
        Files.createDirectories(dir.resolve("d1"));
        Files.createDirectories(dir.resolve("d2"));
        Files.writeString(dir.resolve("d1/drive.bag"), "x");
        Files.writeString(dir.resolve("d2/drive.bag"), "xx");
        List<Recording> globbed = DriveList.resolve(dir + "/d*/*.bag", FILES);
        assertEquals(List.of("drive.bag", "drive.bag~2"), globbed.stream().map(Recording::driveId).toList());
        assertEquals(2, globbed.get(1).bytes());
        Files.writeString(dir.resolve("fleet.txt"), "# two drives\n\nd2/drive.bag\n  d1/drive.bag  \n");
        List<Recording> listed = DriveList.resolve(dir.resolve("fleet.txt").toString(), FILES);
        assertEquals(dir.resolve("d2/drive.bag").toString(), listed.get(0).spec());
        assertEquals(2, listed.size());
        DriveList.DriveListException e = assertThrows(DriveList.DriveListException.class,
                () -> DriveList.resolve(dir.resolve("missing").toString(), FILES));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void fileUrisArePlainPathsAndUnknownSchemesAreRefusedByName() throws Exception {
        Files.createDirectories(dir.resolve("u"));
        Files.writeString(dir.resolve("u/a.mp4"), "xyz");
        List<Recording> r = DriveList.resolve(dir.resolve("u").toUri().toString(), FILES);
        assertEquals(List.of(dir.resolve("u/a.mp4").toString()), r.stream().map(Recording::spec).toList());
        assertEquals(3, r.get(0).bytes());
        assertFalse(HadoopFiles.isRemote("file:/data/a.bag"));
        assertFalse(HadoopFiles.isRemote("synthetic:seed=1"), "a SourceFactory spec is not a URI");
        assertTrue(HadoopFiles.isRemote("hdfs://nn:8020/data/a.bag"));
        DriveList.DriveListException e = assertThrows(DriveList.DriveListException.class,
                () -> DriveList.resolve("nosuchfs://host/drives/", FILES));
        assertTrue(e.getMessage().startsWith("nosuchfs://host/drives/: cannot be read: "), e.getMessage());
        assertTrue(e.getMessage().contains("nosuchfs"), e.getMessage());
    }

    @Test
    void largeRecordingsAreSplitIntoFrameRangesAndTheLastRunsToTheEnd() {
        Recording small = new Recording("s", "s.mp4", 10);
        Recording large = new Recording("l", "l.bag", 5000);
        TaskPlanner planner = new TaskPlanner(1000, 100);
        List<DriveTask> tasks = planner.plan(List.of(small, large), Map.of("l", 250L));
        assertEquals(4, tasks.size());
        assertEquals(DriveTask.whole(small), tasks.get(0));
        assertEquals(new DriveTask(large, 1, 3, 100, 200), tasks.get(2));
        assertEquals(Long.MAX_VALUE, tasks.get(3).endFrame());
        assertEquals(1, planner.plan(List.of(large), Map.of()).size(), "no count: one task that reports the error");
    }
}
