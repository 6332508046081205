package dev.triage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shapes and finiteness of model outputs. */
class OutputContractTest {
    private static final OutputContract CONTRACT = new OutputContract(List.of(new long[] {1, 2},
            new long[] {1, OutputContract.ANY}));

    @Test
    void finiteOutputsOfTheRightShapeMatch() {
        assertEquals(Optional.empty(), CONTRACT.mismatch(List.of(tensor(0.25f, 0.75f), tensor(1, 2, 3))));
    }

    @Test
    void aWrongShapeIsNamed() {
        String why = CONTRACT.mismatch(List.of(tensor(1, 2, 3), tensor(1))).orElseThrow();
        assertTrue(why.contains("output 0 has shape [1, 3]"), why);
    }

    @Test
    void aNanOrInfinityFailsTheOutputInsteadOfDecodingToNothing() {
        String nan = CONTRACT.mismatch(List.of(tensor(0.5f, 0.5f), tensor(1, Float.NaN, Float.NaN))).orElseThrow();
        assertTrue(nan.contains("output 1 holds 2 non-finite value(s)") && nan.contains("flat index 1"), nan);
        String inf = CONTRACT.mismatch(List.of(tensor(Float.NEGATIVE_INFINITY, 1), tensor(1))).orElseThrow();
        assertTrue(inf.contains("output 0 holds 1 non-finite") && inf.contains("-Infinity"), inf);
    }

    private static TensorData tensor(float... values) {
        return new TensorData(new long[] {1, values.length}, values);
    }
}
