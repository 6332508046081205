package dev.triage.launch.output;

import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which overlay frames become thumbnails for the HTML report. The worker samples every frame whose index is a
 * multiple of the stride ({@link #sampled}); the encoder thread keeps their thumbnails as candidates, and whenever
 * more than {@code maxCandidates} are kept the stride doubles and the candidates off it go, so that the candidates
 * stay spread over the whole drive. {@link #samples()} picks a few evenly among them. The first problem frames the
 * worker asked for are kept apart.
 */
final class OverlayThumbnails {
    private final int shown;
    private final int maxCandidates;
    // shared: written by the encoder thread, read by the worker
    private volatile long sampleStride = 1;
    // encoder thread only (read after it ended)
    private final TreeMap<Long, Thumbnail> candidates = new TreeMap<>();
    private final List<Thumbnail> problems = new ArrayList<>();

    /**
     * No thumbnails yet, a stride of 1.
     *
     * @param shown         thumbnails {@link #samples()} returns at the most
     * @param maxCandidates candidates kept at the most before the stride doubles
     */
    OverlayThumbnails(int shown, int maxCandidates) {
        this.shown = shown;
        this.maxCandidates = maxCandidates;
    }

    /**
     * Whether the frame at {@code index} is sampled under the current stride (worker thread).
     *
     * @param index the frame's position in the replay
     */
    boolean sampled(long index) {
        return index % sampleStride == 0;
    }

    /**
     * Keeps the thumbnail of a drawn frame the worker sampled or asked for as a problem frame (encoder thread).
     *
     * @param item the frame
     * @param img  its drawn pixels, at the video size; not released here
     */
    void keep(OverlayItem item, Mat img) {
        if (!item.problemSample && !sampled(item.index)) {
            return; // sampled under a finer stride that has since doubled
        }
        Thumbnail t = ThumbnailEncoder.encode(item, img);
        if (item.problemSample) {
            problems.add(t);
        }
        if (item.sample && sampled(item.index)) {
            candidates.put(item.index, t);
            while (candidates.size() > maxCandidates) {
                long stride = sampleStride * 2;
                candidates.keySet().removeIf(i -> i % stride != 0);
                sampleStride = stride;
            }
        }
    }

    /** Up to {@code shown} thumbnails evenly spread over the candidates, in frame order. */
    List<Thumbnail> samples() {
        List<Thumbnail> all = new ArrayList<>(candidates.values());
        if (all.size() <= shown) {
            return all;
        }
        List<Thumbnail> picked = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            picked.add(all.get((int) Math.round(i * (all.size() - 1) / (double) (shown - 1))));
        }
        return picked;
    }

    /** The thumbnails of the problem frames, in frame order. */
    List<Thumbnail> problemSamples() {
        return List.copyOf(problems);
    }
}
