package dev.triage.fleet;

import dev.triage.datasets.synthetic.Route;
import dev.triage.datasets.synthetic.SyntheticConfig;
import dev.triage.datasets.synthetic.SyntheticDriveSource;
import dev.triage.perception.core.Frame;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.image.OpenCv;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds a small fleet of recordings at test time: MJPEG videos of synthetic drives (urban, highway, mixed), a ROS 1
 * bag written by Debian's rosbag API, a short cut of the real Udacity highway clip when the shared data is there,
 * an image folder with a text file beside its frames, and one corrupt recording.
 */
final class TestDrives {
    static final Path REPO = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();
    static final Path UDACITY = REPO.resolve("../shared/data/udacity_highway_p1/videos/solidWhiteRight.mp4")
            .normalize();
    static final String PYTHON = "/usr/bin/python3";
    static final int FRAMES = 6;
    static final String CORRUPT = "corrupt.mp4";
    /** An image-folder drive with a file that is not an image: its reader's note reaches the summaries. */
    static final String STILLS = "stills";
    static final String STILLS_README = "README.txt";
    /** The synthetic drives' routes: urban, highway and two that switch. */
    private static final String[] ROUTES = {"urban:40", "highway:40", "urban:3/highway:37", "highway:3/urban:37"};

    /**
     * A written fleet.
     *
     * @param dir    the folder holding the recordings
     * @param frames frames per good recording, by file name
     */
    record Fleet(Path dir, java.util.Map<String, Integer> frames) {
        int totalFrames() {
            return frames.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private TestDrives() {
    }

    static boolean pythonRosbag() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import rosbag, roslz4, sensor_msgs.msg, PIL")
                    .redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Fleet write(Path dir) throws Exception {
        java.util.Map<String, Integer> frames = new java.util.TreeMap<>();
        writeSynthetic(dir, ROUTES.length, frames);
        Path pngs = Files.createDirectories(dir.resolve(".bag-frames"));
        List<Mat> bagFrames = render(31, "highway:40", FRAMES);
        for (int i = 0; i < bagFrames.size(); i++) {
            Imgcodecs.imwrite(pngs.resolve(String.format("%06d.png", i)).toString(), bagFrames.get(i));
        }
        writeBag(dir.resolve("drive.bag"), pngs);
        frames.put("drive.bag", FRAMES);
        if (Files.isRegularFile(UDACITY)) {
            writeAvi(dir.resolve("udacity_cut.avi"), cut(UDACITY, FRAMES), 25);
            frames.put("udacity_cut.avi", FRAMES);
        }
        writeStills(dir.resolve(STILLS), render(41, "urban:40", FRAMES));
        frames.put(STILLS, FRAMES);
        writeCorrupt(dir);
        return new Fleet(dir, frames);
    }

    /** An image-folder drive of {@code mats} as PNG files, beside a text file that its reader notes and skips. */
    private static void writeStills(Path folder, List<Mat> mats) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < mats.size(); i++) {
            Imgcodecs.imwrite(folder.resolve(String.format("%06d.png", i)).toString(), mats.get(i));
        }
        Files.writeString(folder.resolve(STILLS_README), "stills from the depot camera\n");
    }

    /** A small fleet needing nothing but the build: the first {@code videos} synthetic videos and the corrupt file. */
    static Fleet writeVideos(Path dir, int videos) throws Exception {
        java.util.Map<String, Integer> frames = new java.util.TreeMap<>();
        writeSynthetic(dir, videos, frames);
        writeCorrupt(dir);
        return new Fleet(dir, frames);
    }

    /** MJPEG videos of the first {@code n} synthetic routes, {@link #FRAMES} frames each, recorded in {@code frames}. */
    private static void writeSynthetic(Path dir, int n, java.util.Map<String, Integer> frames) throws Exception {
        OpenCv.load();
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            String name = "synthetic_" + i + ".avi";
            writeAvi(dir.resolve(name), render(11 + i, ROUTES[i], FRAMES), 20);
            frames.put(name, FRAMES);
        }
    }

    private static void writeCorrupt(Path dir) throws IOException {
        Files.write(dir.resolve(CORRUPT), "this is not a video: the recorder died before it wrote a header"
                .repeat(20).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static List<Mat> render(long seed, String route, int n) throws Exception {
        FrameDecoder decoder = new FrameDecoder();
        List<Mat> mats = new ArrayList<>();
        try (SyntheticDriveSource source = new SyntheticDriveSource(new SyntheticConfig(seed, 320, 240,
                Route.parse(route)))) {
            for (Optional<Frame> f = source.next(); f.isPresent() && mats.size() < n; f = source.next()) {
                mats.add(decoder.decode(f.get().image()));
            }
        }
        return mats;
    }

    private static List<Mat> cut(Path video, int n) throws Exception {
        List<Mat> mats = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToOrgOpenCvCoreMat converter = new OpenCVFrameConverter.ToOrgOpenCvCoreMat()) {
            grabber.start();
            for (org.bytedeco.javacv.Frame f = grabber.grabImage(); f != null && mats.size() < n;
                 f = grabber.grabImage()) {
                Mat small = new Mat();
                Imgproc.resize(converter.convert(f), small, new Size(480, 270));
                mats.add(small);
            }
            grabber.stop();
        }
        return mats;
    }

    static void writeAvi(Path file, List<Mat> mats, double fps) throws IOException {
        int w = mats.get(0).cols();
        int h = mats.get(0).rows();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), w, h, 0)) {
            recorder.setFormat("avi");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
            recorder.setFrameRate(fps);
            recorder.setVideoQuality(2);
            recorder.start();
            for (Mat m : mats) {
                byte[] bgr = new byte[w * h * 3];
                m.get(0, 0, bgr);
                org.bytedeco.javacv.Frame frame = new org.bytedeco.javacv.Frame(w, h,
                        org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3, w * 3);
                ((ByteBuffer) frame.image[0]).put(bgr);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
                frame.close();
            }
            recorder.stop();
        }
    }

    private static void writeBag(Path bag, Path pngs) throws Exception {
        Path log = bag.resolveSibling(".write_bag.log");
        Process p = new ProcessBuilder(PYTHON, REPO.resolve("datasets/src/test/resources/ros/write_bag.py").toString(),
                bag.toString(), pngs.toString(), "--compression", "lz4", "--stream", "/cam/image_raw:raw:bgr8")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("write_bag.py failed: " + Files.readString(log));
        }
    }

}
