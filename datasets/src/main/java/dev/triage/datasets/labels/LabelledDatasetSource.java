package dev.triage.datasets.labels;

import dev.triage.datasets.eval.DetectionScope;
import dev.triage.datasets.folder.ImageFile;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves the frames of a labelled dataset folder ({@link LabelledDataset}) in {@code labels.csv} order, each with its
 * merged {@link dev.triage.perception.core.GroundTruth}. Images are read lazily, one file per {@link #next()}, and
 * delivered encoded ({@link Image.Encoded}, decoded on the worker). A missing or unreadable image (or one over
 * {@link ImageFile#MAX_BYTES}) is an {@link Image.Unreadable} frame that names it, so it costs that one frame (a
 * {@code decode_failed} problem), never the run.
 * Frame ids are the image paths relative to the dataset folder; stamps are {@code seq * 50 ms} (20 fps nominal).
 *
 * <pre>{@code
 * if (LabelledDatasetSource.isDataset(path)) {
 *     try (FrameSource source = LabelledDatasetSource.open(path)) { ... }
 * }
 * }</pre>
 */
public final class LabelledDatasetSource implements FrameSource {
    private static final long FRAME_NANOS = 50_000_000L;
    private final LabelledDataset dataset;
    private final long maxFrames;
    private int index;

    /** Serves every frame of {@code dataset}. */
    public LabelledDatasetSource(LabelledDataset dataset) {
        this(dataset, Long.MAX_VALUE);
    }

    /** Serves at most {@code maxFrames} frames of {@code dataset}. */
    public LabelledDatasetSource(LabelledDataset dataset, long maxFrames) {
        this.dataset = dataset;
        this.maxFrames = maxFrames;
    }

    /** Whether {@code path} is a labelled dataset folder (it or an immediate subfolder holds labels.csv). */
    public static boolean isDataset(Path path) {
        return LabelledDataset.isDataset(path);
    }

    /**
     * Loads the labels of {@code folder} and opens it.
     *
     * @throws SourceException naming the folder, or the label file and line, when it cannot be read
     */
    public static LabelledDatasetSource open(Path folder) throws SourceException {
        try {
            return new LabelledDatasetSource(LabelledDataset.load(folder));
        } catch (NoSuchFileException e) {
            throw new SourceException(folder + ": " + (e.getReason() != null ? e.getReason() : "no such file"), e);
        } catch (IOException e) {
            throw new SourceException(e.getMessage(), e);
        }
    }

    /** The loaded dataset (frames, notes, scopes). */
    public LabelledDataset dataset() {
        return dataset;
    }

    /** The dataset's notes: labels missing or listed twice, scenes of a split, and the like. */
    @Override
    public List<String> notes() {
        return dataset.notes();
    }

    /** Per-frame detection scopes, for an {@link dev.triage.datasets.eval.EvaluationSink}. */
    public DetectionScope.Resolver scopes() {
        return dataset.scopes();
    }

    @Override
    public Optional<Frame> next() {
        List<LabelledFrame> frames = dataset.frames();
        if (index >= frames.size() || index >= maxFrames) {
            return Optional.empty();
        }
        LabelledFrame f = frames.get(index);
        long seq = index++;
        return Optional.of(new Frame(seq, seq * FRAME_NANOS, System.nanoTime(), f.id(),
                ImageFile.read(f.file(), format(f.file()), "no such file"), Optional.of(f.truth())));
    }

    static String format(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "jpeg";
        }
        int dot = n.lastIndexOf('.');
        return dot >= 0 ? n.substring(dot + 1) : "unknown";
    }

    @Override
    public String describe() {
        return dataset.root().toString();
    }

    @Override
    public Optional<Double> nominalFps() {
        return Optional.of(20.0);
    }
}
