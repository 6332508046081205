package dev.triage.launch.cli;

import dev.triage.datasets.labels.LabelledDataset;
import dev.triage.datasets.labels.LabelledDatasetSource;
import dev.triage.datasets.labels.LabelledFrame;
import dev.triage.datasets.labels.LabelledRecordingSource;
import dev.triage.launch.wiring.SourceFactory;
import dev.triage.launch.wiring.SourceOptions;
import dev.triage.perception.core.Frame;
import dev.triage.perception.image.FrameDecodeException;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * What {@code triage eval} scores: a labelled image folder, or a recording with its labels sidecar (frames matched by
 * header stamp). Both give the same labelled frames ({@link #labels()}) and the same {@link FrameSource} of frames
 * carrying truth, so both are scored alike; a recording is read again for each policy and for the baselines.
 */
abstract sealed class EvalInput {
    protected final LabelledDataset labels;
    protected final long maxFrames;

    private EvalInput(LabelledDataset labels, long maxFrames) {
        this.labels = labels;
        this.maxFrames = maxFrames;
    }

    /** An image-folder dataset. */
    static EvalInput folder(LabelledDataset dataset, long maxFrames) {
        return new Folder(dataset, maxFrames);
    }

    /** The recording {@code spec} with {@code options} (whose {@code labels} are set). */
    static EvalInput recording(String spec, SourceOptions options, long maxFrames) {
        return new Recording(spec, options, maxFrames);
    }

    /** The labels. */
    final LabelledDataset labels() {
        return labels;
    }

    /** A fresh pass over the frames, each with its truth. */
    abstract FrameSource open() throws SourceException;

    /**
     * Calls {@code work} with each labelled frame that {@code wanted} accepts and its pixels (BGR, valid during the
     * call), in order; a frame that cannot be decoded becomes a note and is skipped, and so does the rest of a
     * recording that breaks off.
     */
    abstract void forEachDecoded(Predicate<LabelledFrame> wanted, BiConsumer<LabelledFrame, Mat> work,
                                 List<String> notes);

    /** Runs {@code work} on {@code bgr} unless it is empty (noted as {@code what}); releases it after. */
    private static void use(LabelledFrame f, Mat bgr, String what, BiConsumer<LabelledFrame, Mat> work,
                            List<String> notes) {
        try {
            if (bgr.empty()) {
                notes.add("baseline: cannot decode " + what + "; frame skipped");
            } else {
                work.accept(f, bgr);
            }
        } finally {
            bgr.release();
        }
    }

    private static final class Folder extends EvalInput {
        Folder(LabelledDataset dataset, long maxFrames) {
            super(dataset, maxFrames);
        }

        @Override
        FrameSource open() {
            return new LabelledDatasetSource(labels, maxFrames);
        }

        @Override
        void forEachDecoded(Predicate<LabelledFrame> wanted, BiConsumer<LabelledFrame, Mat> work, List<String> notes) {
            List<LabelledFrame> all = labels.frames();
            for (LabelledFrame f : all.subList(0, (int) Math.min(maxFrames, all.size()))) {
                if (wanted.test(f)) {
                    use(f, Imgcodecs.imread(f.file().toString(), Imgcodecs.IMREAD_COLOR), f.file().toString(), work,
                            notes);
                }
            }
        }
    }

    private static final class Recording extends EvalInput {
        private final String spec;
        private final SourceOptions options;

        Recording(String spec, SourceOptions options, long maxFrames) {
            super(options.labels().orElseThrow(), maxFrames);
            this.spec = spec;
            this.options = options;
        }

        @Override
        FrameSource open() throws SourceException {
            return SourceFactory.open(spec, options);
        }

        @Override
        void forEachDecoded(Predicate<LabelledFrame> wanted, BiConsumer<LabelledFrame, Mat> work, List<String> notes) {
            FrameDecoder decoder = new FrameDecoder();
            try (FrameSource source = open()) {
                for (long n = 0; n < maxFrames; n++) {
                    Optional<Frame> next = source.next();
                    if (next.isEmpty()) {
                        break;
                    }
                    Frame frame = next.get();
                    Optional<LabelledFrame> f = labels.frameAt(frame.stampNanos()).filter(wanted);
                    if (f.isEmpty()) {
                        continue;
                    }
                    String what = spec + " frame " + frame.seq() + " (stamp " + frame.stampNanos() + ")";
                    try {
                        use(f.get(), decoder.decode(frame.image()), what, work, notes);
                    } catch (FrameDecodeException e) {
                        notes.add("baseline: cannot decode " + what + ": " + e.getMessage() + "; frame skipped");
                    }
                }
            } catch (SourceException e) {
                notes.add("baseline: " + e.getMessage() + "; the frames after it are not scored");
            }
        }
    }
}
