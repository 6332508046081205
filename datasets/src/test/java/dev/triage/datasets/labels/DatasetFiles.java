package dev.triage.datasets.labels;

import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper: the files of a hand-made labelled dataset (labels.csv, boxes.csv, KITTI and TuSimple labels, images)
 * under a temporary folder, with their folders created. Shared with launch's {@code EvalCommandTest}.
 */
public final class DatasetFiles {

    private DatasetFiles() {
    }

    /** Writes {@code text} to {@code dir/name}; returns the file. */
    public static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** Writes {@code image} to {@code dir/name} in the format of the name's extension, then releases it. */
    public static void image(Path dir, String name, Mat image) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Imgcodecs.imwrite(p.toString(), image);
        image.release();
    }
}
