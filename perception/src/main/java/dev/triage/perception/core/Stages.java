package dev.triage.perception.core;

/** Stage names used as keys in {@link StageTimings}, JSON outputs and diagnostics. */
public final class Stages {
    public static final String DECODE = "decode";
    public static final String PREPROCESS = "preprocess";
    public static final String GATE = "gate";
    public static final String POSTPROCESS = "postprocess";
    public static final String PUBLISH = "publish";
    /** Whole frame from capture to result, including the wait in the mailbox. */
    public static final String END_TO_END = "end_to_end";
    /** Sub-step of decode: raw pixels copied into the worker's buffer (or JPEG/PNG decoded). Pipeline stats only. */
    public static final String DECODE_PIXELS = "decode.pixels";
    /** Sub-step of decode: a whole-frame colour conversion to BGR (only when a tap asks for the full pixels). */
    public static final String DECODE_COLOUR = "decode.colour";
    private static final String EXPERT_PREFIX = "expert:";
    private static final String UNDER_LOAD_SUFFIX = ":under_load";
    private static final String DISCARDED_PREFIX = "speculation.discarded:";
    private static final String RESIZE_PREFIX = "preprocess.resize:";
    private static final String TENSOR_PREFIX = "preprocess.tensor:";

    private Stages() {
    }

    /** Stage name of one expert, for example {@code expert:urban}. */
    public static String expert(String expertName) {
        return EXPERT_PREFIX + expertName;
    }

    /**
     * Stage name of one expert run at its smaller under-load input because the full-size run would not have met the
     * frame's deadline, for example {@code expert:urban:under_load}. Its count says how many frames degraded.
     */
    public static String expertUnderLoad(String expertName) {
        return EXPERT_PREFIX + expertName + UNDER_LOAD_SUFFIX;
    }

    /**
     * An expert run speculatively beside the gate (the last frame's choice) that this frame's routing did not choose,
     * so its output was discarded, for example {@code speculation.discarded:urban}. Pipeline stats only: its count
     * says how often the guess missed, its times what that cost.
     */
    public static String speculationDiscarded(String expertName) {
        return DISCARDED_PREFIX + expertName;
    }

    /**
     * Sub-step of preprocess: resizing the frame to one model input, for example {@code preprocess.resize:128x64}.
     * Like the other sub-steps it goes to the pipeline's stats (summary, /diagnostics, {@code triage bench}), not
     * into each result's timings, which keep the coarse stages.
     */
    public static String resize(Object inputSize) {
        return RESIZE_PREFIX + inputSize;
    }

    /** Sub-step of preprocess: colour order, scaling to [0, 1] and CHW layout of one model input. */
    public static String tensor(Object inputSize) {
        return TENSOR_PREFIX + inputSize;
    }
}
