package dev.triage.launch.wiring;

import dev.triage.datasets.bag.BagImageSource;
import dev.triage.datasets.rosmsg.SpeedSource;
import dev.triage.datasets.folder.ImageFolderSource;
import dev.triage.datasets.labels.LabelledDatasetSource;
import dev.triage.datasets.labels.LabelledRecordingSource;
import dev.triage.datasets.rosbag2.Rosbag2ImageSource;
import dev.triage.datasets.rosbag2.Rosbag2Recording;
import dev.triage.datasets.synthetic.SyntheticDriveSource;
import dev.triage.datasets.synthetic.SyntheticSpec;
import dev.triage.datasets.video.VideoFileSource;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens a frame source from the SOURCE argument of the command line:
 * <ul>
 *   <li>{@code synthetic:[seed=..,route=..,width=..,height=..]}: the built-in drive;</li>
 *   <li>a folder with a {@code metadata.yaml}: a rosbag2 recording (MCAP or sqlite3, split files; {@code --topic});</li>
 *   <li>another folder: a labelled dataset when one claims it, else the folder's image files ({@code --fps});</li>
 *   <li>a {@code .bag} file: a ROS1 bag ({@code --topic});</li>
 *   <li>a {@code .mcap} or {@code .db3} file: one rosbag2 storage file ({@code --topic});</li>
 *   <li>any other file: a video that FFmpeg reads (mp4/h264, avi/MJPEG, ...).</li>
 * </ul>
 * Recorded speed: a recording that lists its topics up front gets its speed through a second handle
 * ({@link RecordedSpeed}: the index lets it skip the image chunks); one that does not is read once for both.
 * A recording opened with {@link SourceOptions#labels() labels} is a {@link LabelledRecordingSource} (outermost, so
 * callers find it by type; its speed passes through).
 */
public final class SourceFactory {

    private SourceFactory() {
    }

    /** Opens {@code spec} with default options. */
    public static FrameSource open(String spec) throws SourceException {
        return open(spec, SourceOptions.DEFAULTS);
    }

    /**
     * Opens {@code spec}.
     *
     * @throws SourceException naming the source when it does not exist, cannot be read, or an option does not apply
     */
    public static FrameSource open(String spec, SourceOptions options) throws SourceException {
        if (SyntheticSpec.matches(spec)) {
            refuse(spec, options, true, true);
            try {
                return new SyntheticDriveSource(SyntheticSpec.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new SourceException(spec + ": " + e.getMessage(), e);
            }
        }
        Path path = Path.of(spec);
        if (!Files.exists(path)) {
            throw new SourceException(spec + ": no such file or folder");
        }
        if (!Files.isDirectory(path) && !Files.isRegularFile(path)) { // a pipe would block the reads that need a file
            throw new SourceException(spec + ": not a regular file (a pipe, socket or device); recordings, videos and "
                    + "images are read from files");
        }
        if (Rosbag2Recording.isRecording(path)) {
            refuse(spec, options, false, true);
            Rosbag2ImageSource frames = Rosbag2ImageSource.open(path, options.topic());
            return labelled(frames.topic().isPresent() ? withSpeed(spec, frames, options)
                    : onePass(frames, () -> Rosbag2ImageSource.openWithSpeed(path, options.topic(),
                    options.speedTopic())), options);
        }
        if (Files.isDirectory(path)) {
            return openFolder(path, options);
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bag")) {
            refuse(spec, options, false, true);
            BagImageSource frames = BagImageSource.open(path, options.topic());
            return labelled(frames.topic().isPresent() ? withSpeed(spec, frames, options)
                    : onePass(frames, () -> BagImageSource.openWithSpeed(path, options.topic(),
                    options.speedTopic())), options);
        }
        refuse(spec, options, true, true);
        return VideoFileSource.open(path);
    }

    /** A recording's frames with the ground truth of its labels sidecar, when one was given. */
    private static FrameSource labelled(FrameSource recording, SourceOptions options) {
        return options.labels().<FrameSource>map(l -> new LabelledRecordingSource(recording, l)).orElse(recording);
    }

    /** Opens a recording again. */
    @FunctionalInterface
    private interface Reopen {
        FrameSource open() throws SourceException;
    }

    /**
     * A recording that does not list its topics up front (an unindexed MCAP, a ROS 1 bag without index): its frames
     * and speed are read in one pass ({@link dev.triage.datasets.rosmsg.SinglePassRecording}), since a second handle
     * for the speed would read it all once more (to its end when it has no speed topic).
     */
    private static FrameSource onePass(FrameSource opened, Reopen withSpeed) throws SourceException {
        opened.close();
        return withSpeed.open();
    }

    /** A recording's frames with its recorded speed ({@link RecordedSpeed}), when it has a speed topic. */
    private static FrameSource withSpeed(String spec, FrameSource frames, SourceOptions options)
            throws SourceException {
        try {
            Optional<SpeedSource> speeds = SpeedSourceFactory.open(spec, options.speedTopic());
            return speeds.<FrameSource>map(s -> new RecordedSpeed(frames, s, options.speedTopic().isPresent()))
                    .orElse(frames);
        } catch (SourceException | RuntimeException e) {
            frames.close();
            throw e;
        }
    }

    private static FrameSource openFolder(Path folder, SourceOptions options) throws SourceException {
        Optional<FrameSource> labelled = openLabelledDataset(folder, options);
        if (labelled.isPresent()) {
            return labelled.get();
        }
        refuse(folder.toString(), options, true, false);
        try {
            return ImageFolderSource.open(folder, options.fps().orElse(ImageFolderSource.DEFAULT_FPS));
        } catch (IllegalArgumentException e) {
            throw new SourceException("--fps: " + e.getMessage(), e);
        }
    }

    /**
     * A folder with a {@code labels.csv} is a labelled dataset (one set, or a folder of sets listed by a root
     * labels.csv, as in ../shared/data): its frames carry ground truth, so replay also writes metrics.json.
     */
    private static Optional<FrameSource> openLabelledDataset(Path folder, SourceOptions options) throws SourceException {
        if (!LabelledDatasetSource.isDataset(folder)) {
            return Optional.empty();
        }
        refuse(folder.toString(), options, true, true);
        return Optional.of(LabelledDatasetSource.open(folder));
    }

    /** Refuses options that the source would silently ignore. */
    private static void refuse(String spec, SourceOptions options, boolean topic, boolean fps)
            throws SourceException {
        if (topic && options.topic().isPresent()) {
            throw new SourceException("--topic applies to recordings (.bag, .mcap, .db3, rosbag2 folders) only, not to "
                    + spec);
        }
        if (topic && options.speedTopic().isPresent()) {
            throw new SourceException("--speed-topic applies to recordings (.bag, .mcap, .db3, rosbag2 folders) only, "
                    + "not to " + spec);
        }
        if (topic && options.labels().isPresent()) {
            throw new SourceException("--labels applies to recordings (.bag, .mcap, .db3, rosbag2 folders) only, not to "
                    + spec + " (an image folder's labels.csv lies in the folder)");
        }
        if (fps && options.fps().isPresent()) {
            throw new SourceException("--fps applies to image folders only, not to " + spec);
        }
    }
}
