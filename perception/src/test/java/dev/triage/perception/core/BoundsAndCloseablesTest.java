package dev.triage.perception.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoundsAndCloseablesTest {

    @Test
    void boundsNameTheParameterTheRangeAndTheValueWithTheRightBrackets() {
        assertEquals(0.5, Bounds.closed("alpha", 0.5, 0.01, 1));
        assertEquals("alpha must be in [0.01, 1]: 0.0",
                assertThrows(IllegalArgumentException.class, () -> Bounds.closed("alpha", 0.0, 0.01, 1)).getMessage());
        assertEquals("t must be in (0, 1]: 0.0",
                assertThrows(IllegalArgumentException.class, () -> Bounds.openClosed("t", 0.0, 0, 1)).getMessage());
        assertEquals("m must be in [0, 200): 200.0",
                assertThrows(IllegalArgumentException.class, () -> Bounds.closedOpen("m", 200, 0, 200)).getMessage());
        assertEquals("w must be in (0, 200): NaN",
                assertThrows(IllegalArgumentException.class, () -> Bounds.open("w", Double.NaN, 0, 200)).getMessage());
        assertEquals("n must be in [1, 1000]: 0",
                assertThrows(IllegalArgumentException.class, () -> Bounds.closed("n", 0, 1, 1000)).getMessage());
        assertEquals(1000, Bounds.closed("n", 1000, 1, 1000));
    }

    @Test
    void closeAllClosesEveryPartInOrderSkipsNullsAndRethrowsTheFirstFailure() {
        List<String> closed = new ArrayList<>();
        IllegalStateException first = new IllegalStateException("reader broke");
        AutoCloseable reader = () -> {
            closed.add("reader");
            throw first;
        };
        AutoCloseable writer = () -> {
            closed.add("writer");
            throw new IOException("writer broke");
        };
        AutoCloseable diagnostics = () -> closed.add("diagnostics");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Closeables.closeAll(reader, null, writer, diagnostics));
        assertSame(first, thrown);
        assertEquals(List.of("reader", "writer", "diagnostics"), closed);
        assertEquals("writer broke", thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void aCheckedFailureAloneComesBackWrappedWithItsCause() {
        IOException cause = new IOException("disk gone");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Closeables.closeAll(() -> {
            throw cause;
        }));
        assertSame(cause, thrown.getCause());
    }
}
