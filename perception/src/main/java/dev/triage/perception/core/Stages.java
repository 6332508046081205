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
    private static final String EXPERT_PREFIX = "expert:";

    private Stages() {
    }

    /** Stage name of one expert, for example {@code expert:urban}. */
    public static String expert(String expertName) {
        return EXPERT_PREFIX + expertName;
    }
}
