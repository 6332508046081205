package dev.triage.experts.decode;

/**
 * Thresholds for {@link RowAnchorLaneDecoder}.
 *
 * @param minPoints a lane is kept only with at least this many present rows, in [2, 100] (the contract says 4)
 */
public record RowAnchorParams(int minPoints) {

    public RowAnchorParams {
        if (minPoints < 2 || minPoints > 100) {
            throw new IllegalArgumentException("minPoints must be in [2, 100]: " + minPoints);
        }
    }

    /** At least 4 points per lane, as in the contract. */
    public static RowAnchorParams defaults() {
        return new RowAnchorParams(4);
    }
}
