package dev.triage.experts;

import dev.triage.experts.decode.CenterNetDecoder;
import dev.triage.experts.decode.DetectionParams;
import dev.triage.inference.TensorData;
import dev.triage.perception.core.Detection;
import dev.triage.perception.image.InputSize;

import java.util.List;

/**
 * One CenterNet box head among a model's outputs, a {@code [1, C + 4, H / stride, W / stride]} tensor, decoded into
 * {@link Detection}s in frame pixels: the urban expert's only head and the highway expert's vehicle head. Stateless
 * beyond its settings, thread-safe.
 */
final class CenterNetHead {

    /** What a spec with a CenterNet head tells about it; implemented by {@link UrbanSpec} and {@link HighwaySpec}. */
    interface Spec extends ModelSpec {

        /** Labels of the heatmap channels, in channel order. */
        List<String> classes();

        /** Input pixels per output cell. */
        int stride();

        /** Decoding thresholds. */
        DetectionParams detection();
    }

    private final CenterNetDecoder decoder;
    private final InputSize inputSize;

    /** The head {@code spec} describes. */
    CenterNetHead(Spec spec) {
        this.decoder = new CenterNetDecoder(spec.classes(), spec.stride(), spec.detection());
        this.inputSize = spec.inputSize();
    }

    /** Decodes {@code head} (batch of one) into detections in a frame of the given size, best first. */
    List<Detection> decode(TensorData head, int frameWidth, int frameHeight) {
        return decoder.decode(head.values(), head.dim(2), head.dim(3), inputSize, frameWidth, frameHeight);
    }
}
