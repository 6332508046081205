package dev.triage.ros2.dds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The marshalling ops and C sizes in dds/ops.txt are exactly what idlc 0.10.2 generates from the IDL today. */
class DdsOpsGuardTest {

    @Test
    void opsMatchFreshIdlcOutput(@TempDir Path dir) throws Exception {
        Path exe = CPeer.build(dir, "dump_ops.c");
        String fresh = CPeer.run(dir, exe.toString()).strip();
        String shipped;
        try (InputStream in = TopicType.class.getResourceAsStream("/dds/ops.txt")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).collect(Collectors.joining("\n"));
        }
        assertEquals(fresh, shipped, "regenerate ros2/src/main/resources/dds/ops.txt with src/test/c/dump_ops.c");
    }
}
