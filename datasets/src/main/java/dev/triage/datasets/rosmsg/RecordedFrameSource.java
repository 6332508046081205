package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/** A {@link FrameSource} over the image topic of a recording: what the ROS 1 bag and rosbag2 sources share. */
public abstract class RecordedFrameSource implements FrameSource {
    private final TopicReader<Frame> frames;

    protected RecordedFrameSource(TopicReader<Frame> frames) {
        this.frames = frames;
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
