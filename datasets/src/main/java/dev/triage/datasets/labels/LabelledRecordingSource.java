package dev.triage.datasets.labels;

import dev.triage.datasets.ForwardingFrameSource;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.spi.SpeedRecording;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A recording's frames with the ground truth of its labels sidecar ({@link LabelledDataset#loadStamped}): each frame
 * gets the truth labelled at its header stamp ({@link Frame#stampNanos()}, exact match), so the pipeline's
 * evaluation scores a labelled drive as it scores an image folder. Frames and labels that do not meet are counted
 * ({@link #matching()}), never dropped: an unlabelled frame still runs, without truth. The recording's speed, when
 * it is a {@link SpeedRecording}, passes through unchanged.
 *
 * <pre>{@code
 * LabelledDataset labels = LabelledDataset.loadStamped(Path.of("drive.labels"));
 * try (LabelledRecordingSource source = new LabelledRecordingSource(Rosbag2ImageSource.open(mcap, topic), labels)) {
 *     ... Pipeline.replay(source, ...); source.matching().lines() ...
 * }
 * }</pre>
 */
public final class LabelledRecordingSource extends ForwardingFrameSource implements SpeedRecording {
    private final LabelledDataset labels;
    private final Set<String> matched = new HashSet<>();
    private long frames;
    private long unlabelled;
    private long firstUnlabelledStamp = -1;

    /** Serves {@code recording}'s frames with {@code labels}' truth; closing this closes the recording. */
    public LabelledRecordingSource(FrameSource recording, LabelledDataset labels) {
        super(recording);
        if (!labels.stamped()) {
            throw new IllegalArgumentException(labels.root() + " names frames by filename, not by stamp");
        }
        this.labels = labels;
    }

    /**
     * How a run's frames met the labels.
     *
     * @param labels               stamps listed in the sidecar's labels.csv
     * @param frames               frames the recording delivered
     * @param matched              frames with a label at their stamp
     * @param framesWithoutLabel   frames whose stamp the sidecar does not list (run, not scored)
     * @param labelsWithoutFrame   labelled stamps no frame had (not scored)
     * @param exampleFrameStamp    the first unlabelled frame's stamp, or -1
     * @param exampleLabelStamp    the first labelled stamp without a frame, or -1
     */
    public record Matching(int labels, long frames, long matched, long framesWithoutLabel, long labelsWithoutFrame,
                           long exampleFrameStamp, long exampleLabelStamp) {
        /** One line per kind of mismatch (empty when every frame and label met), for notes and stderr. */
        public List<String> lines(String sidecar) {
            List<String> out = new java.util.ArrayList<>();
            if (framesWithoutLabel > 0) {
                out.add(framesWithoutLabel + " of " + frames + " frames have no label in " + sidecar
                        + " (first at stamp " + exampleFrameStamp + " ns); they are not scored");
            }
            if (labelsWithoutFrame > 0) {
                out.add(labelsWithoutFrame + " of " + labels + " labelled stamps in " + sidecar
                        + " match no frame (first: " + exampleLabelStamp + " ns); they are not scored");
            }
            return out;
        }
    }

    @Override
    public Optional<Frame> next() throws SourceException {
        Optional<Frame> next = source().next();
        if (next.isEmpty()) {
            return next;
        }
        Frame f = next.get();
        frames++;
        Optional<LabelledFrame> label = labels.frameAt(f.stampNanos());
        if (label.isEmpty()) {
            unlabelled++;
            if (firstUnlabelledStamp < 0) {
                firstUnlabelledStamp = f.stampNanos();
            }
            return next;
        }
        matched.add(label.get().id());
        return Optional.of(new Frame(f.seq(), f.stampNanos(), f.captureMonoNanos(), f.frameId(), f.image(),
                Optional.of(label.get().truth())));
    }

    /** How the frames delivered so far met the labels; complete once {@link #next()} has returned empty. */
    public Matching matching() {
        List<LabelledFrame> all = labels.frames();
        long missing = all.stream().filter(f -> !matched.contains(f.id())).count();
        long example = all.stream().filter(f -> !matched.contains(f.id())).findFirst()
                .map(f -> Long.parseLong(f.id())).orElse(-1L);
        return new Matching(all.size(), frames, frames - unlabelled, unlabelled, missing, firstUnlabelledStamp,
                example);
    }

    @Override
    public List<SpeedSample> drainSpeedSamples() {
        return source() instanceof SpeedRecording speeds ? speeds.drainSpeedSamples() : List.of();
    }

    /** The labels. */
    public LabelledDataset labels() {
        return labels;
    }

    @Override
    public String describe() {
        return super.describe() + " labelled by " + labels.root();
    }
}
