package dev.triage.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The output a model must produce for a {@code [1, 3, H, W]} input: the exact shape of each output tensor, in order
 * (one entry for a plain tensor, several for a tuple), all values finite; a dimension of {@link #ANY} matches any
 * size. See {@code training/CONTRACTS.md}. A NaN or infinity would otherwise vanish silently in the decoders (a
 * lane with NaN probabilities simply has no points), so it fails the frame instead, naming the output.
 *
 * @param shapes expected shape of each output
 */
public record OutputContract(List<long[]> shapes) {

    /** A dimension that matches any size (for example the candidate count of a user's detector). */
    public static final long ANY = -1;

    public OutputContract {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("a contract needs at least one output");
        }
        List<long[]> copy = new ArrayList<>();
        for (long[] s : shapes) {
            copy.add(s.clone());
        }
        shapes = List.copyOf(copy);
    }

    /** A contract for a model with a single tensor output. */
    public static OutputContract of(long... shape) {
        return new OutputContract(List.<long[]>of(shape));
    }

    /**
     * Checks {@code outputs} against this contract.
     *
     * @return empty when they match, otherwise a one-line description of the mismatch
     */
    public java.util.Optional<String> mismatch(List<TensorData> outputs) {
        if (outputs.size() != shapes.size()) {
            return java.util.Optional.of("expected " + shapes.size() + " output tensor(s) " + describe()
                    + ", got " + outputs.size() + " " + describeActual(outputs));
        }
        for (int i = 0; i < shapes.size(); i++) {
            if (!matches(shapes.get(i), outputs.get(i).shape())) {
                return java.util.Optional.of("output " + i + " has shape " + outputs.get(i).shapeText()
                        + ", the contract says " + Arrays.toString(shapes.get(i)));
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            java.util.Optional<String> bad = nonFinite(i, outputs.get(i).values());
            if (bad.isPresent()) {
                return bad;
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> nonFinite(int output, float[] values) {
        int first = -1;
        int count = 0;
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                first = first < 0 ? k : first;
                count++;
            }
        }
        return count == 0 ? java.util.Optional.empty() : java.util.Optional.of("output " + output + " holds " + count
                + " non-finite value(s) (NaN or infinity) of " + values.length + ", the first at flat index " + first
                + " (" + values[first] + ")");
    }

    private static boolean matches(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int d = 0; d < expected.length; d++) {
            if (expected[d] != ANY && expected[d] != actual[d]) {
                return false;
            }
        }
        return true;
    }

    /** The expected shapes as text ({@code -1}: any size). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (long[] s : shapes) {
            sb.append(sb.length() == 0 ? "" : ", ").append(Arrays.toString(s));
        }
        return sb.toString();
    }

    private static String describeActual(List<TensorData> outputs) {
        StringBuilder sb = new StringBuilder();
        for (TensorData t : outputs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.shapeText());
        }
        return sb.toString();
    }
}
