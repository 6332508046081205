package dev.triage.ros.tcpros;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.triage.ros.msg.MessageFormatException;
import dev.triage.ros.msg.MessageType;
import dev.triage.ros.msg.diagnostic.DiagnosticMsgs;
import dev.triage.ros.msg.rosgraph.RosgraphMsgs;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.msg.triage.TriageMsgs;
import dev.triage.ros.msg.vision.VisionMsgs;
import dev.triage.ros.msg.visualization.VisualizationMsgs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Fuzz target (Jazzer): a TCPROS connection as a subscriber reads it: the publisher's connection header, then
 * length-prefixed messages through {@link FrameReader} with a small in-flight budget, each decoded as one message
 * type (the input's first byte picks it). Allowed outcomes: the refusals the transport counts (IOExceptions such as
 * {@link MalformedHeaderException}, {@link OversizedMessageException}, {@link MessageBudgetException}, EOF) and
 * {@link MessageFormatException}; anything else (an unchecked exception, an Error, a hang, memory beyond the
 * budget, an input taking over {@value #SLOW_MILLIS} ms) is a finding. After every input the budget must be back to
 * zero.
 *
 * <p>Seeds: {@code TcprosFuzzTestInputs/frames/} (rospy's handshake header and genpy-serialized messages, written
 * by {@code scripts/make_fuzz_seeds.py}); every crash found is kept there as a regression input.
 */
class TcprosFuzzTest {

    static final List<MessageType<?>> FRAME_TYPES = List.of(SensorMsgs.IMAGE, SensorMsgs.COMPRESSED_IMAGE,
            SensorMsgs.CAMERA_INFO, DiagnosticMsgs.DIAGNOSTIC_ARRAY, StdMsgs.FLOAT32, RosgraphMsgs.CLOCK,
            VisionMsgs.DETECTION_2D_ARRAY, VisualizationMsgs.MARKER_ARRAY, TriageMsgs.SCENE_CONTEXT,
            TriageMsgs.LANE_ARRAY);
    static final MemoryBudget BUDGET = new MemoryBudget(4 << 20);
    /** The longest one input may take (Jazzer only notes slow inputs): far above any seed's time, even under load. */
    static final long SLOW_MILLIS = 3000;

    @FuzzTest(maxDuration = "5s")
    void frames(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        MessageType<?> type = FRAME_TYPES.get((data[0] & 0xFF) % FRAME_TYPES.size());
        InputStream raw = new ByteArrayInputStream(data, 1, data.length - 1);
        DeadlineInputStream timing = new DeadlineInputStream(raw, () -> true);
        FrameReader reader = new FrameReader(timing, timing, 1 << 20, BUDGET, 1_000_000_000L);
        long t0 = System.nanoTime();
        try {
            ConnectionHeader theirs = ConnectionHeader.read(timing);
            HeaderCheck.mismatch("/t", type.name(), type.md5(), theirs);
            for (int i = 0; i < 64; i++) {
                FrameReader.Payload payload = reader.next();
                try {
                    type.deserialize(payload.bytes(), 0, payload.length());
                } catch (MessageFormatException e) {
                    // counted as malformed by the link
                } finally {
                    reader.release();
                }
            }
        } catch (IOException e) {
            // a refusal the link counts, or the end of the input
        } finally {
            reader.release();
        }
        if (BUDGET.inUse() != 0) {
            throw new IllegalStateException(BUDGET.inUse() + " in-flight bytes not released");
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (millis > SLOW_MILLIS) {
            throw new IllegalStateException("reading " + data.length + " bytes took " + millis + " ms");
        }
    }
}
