package dev.triage.launch.wiring;

import dev.triage.datasets.rosbag2.Rosbag2Fixtures;
import dev.triage.perception.core.SpeedSample;
import dev.triage.datasets.rosmsg.SpeedSource;
import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which SOURCE arguments give vehicle speed ({@link SpeedSourceFactory}). */
class SpeedSourceFactoryTest {
    @TempDir
    Path dir;

    @Test
    void onlyRecordingsCarrySpeedAndATopicForAnotherSourceIsRefused() throws Exception {
        Files.write(dir.resolve("a.png"), new byte[] {1});
        assertEquals(Optional.empty(), SpeedSourceFactory.open(dir.toString(), Optional.empty()));
        SourceException e = assertThrows(SourceException.class,
                () -> SpeedSourceFactory.open(dir.toString(), Optional.of("/speed")));
        assertTrue(e.getMessage().startsWith("--speed-topic applies to recordings"), e.getMessage());
    }

    @Test
    void anMcapGivesItsFirstSpeedTopicOrNoneWhenItHasNone() throws Exception {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        Path mcap = SpeedDrives.withSpeed(dir);
        try (SpeedSource speeds = SpeedSourceFactory.open(mcap.toString(), Optional.empty()).orElseThrow()) {
            assertEquals(Optional.of(new SpeedSample(10, Rosbag2Fixtures.BASE_NS + 5_000_000L)), speeds.next());
        }
        Path plain = SpeedDrives.withoutSpeed(dir);
        assertEquals(Optional.empty(), SpeedSourceFactory.open(plain.toString(), Optional.empty()));
        SourceException missing = assertThrows(SourceException.class,
                () -> SpeedSourceFactory.open(plain.toString(), Optional.of("/speed")));
        assertTrue(missing.getMessage().contains("no topic '/speed'"), missing.getMessage());
    }
}
