package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * A {@link FrameSource} over the image topic of a recording: what the ROS 1 bag and rosbag2 sources share. A message
 * that does not decode in an intact recording is a frame of {@link Image.Unreadable} at its record time that names
 * the file, the topic and where it is stored (the pipeline counts it as {@code decode_failed}), and the frames after
 * it still come; a recording that breaks off ends the source with a {@link SourceException}.
 */
public abstract class RecordedFrameSource implements FrameSource {
    private final SharedPassTopicStream stream;
    private final TopicReader<Frame> frames;

    /**
     * @param stream  the recording's messages of the image topic (closed with this source)
     * @param decoder decodes one image message in the recording's wire format
     */
    protected RecordedFrameSource(SharedPassTopicStream stream, TopicReader.Decoder<Frame> decoder) {
        this.stream = stream;
        this.frames = new TopicReader<>(stream, "frames", decoder, (m, seq, reason) -> new Frame(seq,
                m.recordedNanos(), System.nanoTime(), "", new Image.Unreadable(reason), Optional.empty()));
    }

    /**
     * These frames with the vehicle speed of the same recording, read in the same pass over the file
     * ({@link SinglePassRecording}). Call it before the first frame is read.
     *
     * @param speedTopic the speed topic ({@code --speed-topic}); empty for the first speed topic, if any
     * @param decoder    decodes one speed message in the recording's wire format
     */
    public final SinglePassRecording withSpeed(Optional<String> speedTopic, TopicReader.Decoder<SpeedSample> decoder) {
        SpeedSide speeds = new SpeedSide(speedTopic, decoder);
        stream.readAlongside(speeds);
        return new SinglePassRecording(this, speeds, speedTopic.isPresent());
    }

    @Override
    public final Optional<Frame> next() throws SourceException {
        return frames.next();
    }

    /** The recording path and, once known, the topic: {@code drive.bag [/camera/image_raw]}. */
    @Override
    public final String describe() {
        return frames.describe();
    }

    /** The topic being replayed, once known (at open when the recording lists its topics). */
    public final Optional<String> topic() {
        return frames.topic();
    }

    @Override
    public final void close() {
        frames.close();
    }
}
