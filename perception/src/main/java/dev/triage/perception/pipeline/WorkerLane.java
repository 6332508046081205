package dev.triage.perception.pipeline;

import dev.triage.perception.core.Stages;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.image.TensorPreprocessor;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.ForwardTimed;
import dev.triage.perception.spi.Gate;
import dev.triage.perception.spi.InferenceException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What one worker thread owns and uses alone: a gate and experts (not thread-safe: one set per thread), the frame
 * decoder and the tensor preprocessor with their reused buffers. Lossless and live delivery have one lane;
 * throughput delivery one per worker thread, all with the same networks.
 */
final class WorkerLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerLane.class);

    /** Forward passes timed per expert at warm-up; their median seeds the cost model. */
    private static final int SEED_RUNS = 3;

    final Gate gate;
    final List<ExpertSlot> slots;
    final Map<String, List<ExpertSlot>> slotsByScene;
    final FrameDecoder decoder;
    final TensorPreprocessor preprocessor = new TensorPreprocessor();
    /** Widest and tallest model input, the floor of a reduced-scale JPEG decode. */
    final InputSize largestInput;

    /**
     * Checks the routing, then warms up the preprocessing and seeds {@code costs} (see {@link #warmUp}).
     *
     * @throws IllegalArgumentException when the slots do not cover exactly the gate's scenes, or two share a name
     */
    WorkerLane(Gate gate, List<ExpertSlot> slots, PipelineSettings settings, PipelineStats stats, CostTracker costs) {
        this.gate = gate;
        this.slots = List.copyOf(slots);
        this.slotsByScene = route(gate.scenes(), this.slots);
        this.largestInput = largestInput(gate, this.slots);
        this.decoder = new FrameDecoder(settings.maxImageSide());
        this.decoder.setStepTimes(stats::stage);
        warmUp(costs);
        this.preprocessor.setStepTimes(stats::stage);
    }

    /** Whether {@code other} runs the same gate scenes and the same experts by name and scenes, in order. */
    boolean sameRoutingAs(WorkerLane other) {
        if (!gate.scenes().equals(other.gate.scenes()) || slots.size() != other.slots.size()) {
            return false;
        }
        for (int i = 0; i < slots.size(); i++) {
            if (!slots.get(i).name().equals(other.slots.get(i).name())
                    || !slots.get(i).scenes().equals(other.slots.get(i).scenes())) {
                return false;
            }
        }
        return true;
    }

    private static InputSize largestInput(Gate gate, List<ExpertSlot> slots) {
        int width = gate.inputSize().width();
        int height = gate.inputSize().height();
        for (ExpertSlot slot : slots) {
            width = Math.max(width, slot.expert().inputSize().width());
            height = Math.max(height, slot.expert().inputSize().height());
        }
        return new InputSize(width, height);
    }

    /** Scene to the slots serving it, in slot order; checks that the slots cover exactly the gate's scenes. */
    private static Map<String, List<ExpertSlot>> route(List<String> gateScenes, List<ExpertSlot> slots) {
        Set<String> names = new HashSet<>();
        Map<String, List<ExpertSlot>> byScene = new LinkedHashMap<>();
        gateScenes.forEach(scene -> byScene.put(scene, new ArrayList<>()));
        for (ExpertSlot slot : slots) {
            if (!names.add(slot.name())) {
                throw new IllegalArgumentException("two experts are named '" + slot.name() + "'");
            }
            for (String scene : slot.scenes()) {
                List<ExpertSlot> serving = byScene.get(scene);
                if (serving == null) {
                    throw new IllegalArgumentException("expert '" + slot.name() + "' serves scene '" + scene
                            + "', which the gate does not know " + gateScenes);
                }
                serving.add(slot);
            }
        }
        byScene.forEach((scene, serving) -> {
            if (serving.isEmpty()) {
                throw new IllegalArgumentException("no expert for scene " + scene);
            }
        });
        byScene.replaceAll((scene, serving) -> List.copyOf(serving));
        return Map.copyOf(byScene);
    }

    /**
     * First OpenCV calls are slow (lazy initialisation); pay that before the first frame, not on it. Also seeds the
     * routing cost model with the median of three forward passes of every expert that can time one
     * ({@link ForwardTimed}), under-load experts included (their own stage), so that the first "run the top two when
     * the budget allows" decision and the under-load choice ({@link UnderLoadSizing}) use a measured cost, not zero.
     */
    private void warmUp(CostTracker costs) {
        Mat blank = Mat.zeros(480, 640, CvType.CV_8UC3);
        try {
            preprocessor.toTensor(blank, gate.inputSize());
            for (ExpertSlot slot : slots) {
                seedCost(costs, slot.name(), Stages.expert(slot.name()), slot.expert(), blank);
                if (slot.underLoad() != null) {
                    seedCost(costs, slot.name(), Stages.expertUnderLoad(slot.name()), slot.underLoad(), blank);
                }
            }
        } finally {
            blank.release();
        }
    }

    /** Records the median of {@value #SEED_RUNS} bare forward passes of {@code expert} as a cost of {@code stage}. */
    private void seedCost(CostTracker costs, String name, String stage, Expert expert, Mat blank) {
        ImageTensor tensor = preprocessor.toTensor(blank, expert.inputSize());
        if (expert instanceof ForwardTimed timed) {
            try {
                long[] runs = new long[SEED_RUNS];
                for (int i = 0; i < runs.length; i++) {
                    runs[i] = timed.forwardOnlyNanos(tensor);
                }
                Arrays.sort(runs);
                costs.record(stage, runs[SEED_RUNS / 2]);
            } catch (InferenceException e) {
                LOG.warn("expert {}: no seed cost for {} ({}); measured from its first frame", name, stage,
                        e.getMessage());
            }
        }
    }

    /** The networks of {@code slot}: its expert, then its under-load expert when it has one. */
    static Stream<Expert> experts(ExpertSlot slot) {
        return slot.underLoad() == null ? Stream.of(slot.expert()) : Stream.of(slot.expert(), slot.underLoad());
    }

    /** Releases the lane's native buffers; gate and experts belong to the caller. */
    @Override
    public void close() {
        preprocessor.close();
    }
}
