package dev.triage.experts;

import dev.triage.experts.decode.DetectionParams;
import dev.triage.experts.decode.RowAnchorLaneDecoder;
import dev.triage.experts.decode.RowAnchorParams;
import dev.triage.inference.OutputContract;
import dev.triage.perception.image.InputSize;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@link HighwayExpert} needs to know about its model, as read from the sidecar
 * {@code models/highway.json} ({@code input_width}, {@code input_height}, {@code grid_cells}, {@code row_anchors},
 * {@code lanes}, {@code stride}, {@code classes}) plus the decoding thresholds from the node's configuration.
 *
 * @param inputSize  input size, e.g. 320x240; both sides must be multiples of {@code stride}
 * @param laneSlots  lane slots in the lane head ({@code lanes} in the sidecar, 4 in the contract)
 * @param gridCells  G, horizontal cells of the lane head (without the absent cell)
 * @param rowAnchors row anchors as fractions of the image height, strictly increasing
 * @param stride     input pixels per cell of the vehicle head
 * @param classes    vehicle head labels in order, e.g. [vehicle]
 * @param detection  vehicle decoding thresholds
 * @param lanes      lane decoding thresholds
 */
public record HighwaySpec(InputSize inputSize, int laneSlots, int gridCells, List<Double> rowAnchors, int stride,
                          List<String> classes, DetectionParams detection, RowAnchorParams lanes)
        implements CenterNetHead.Spec {

    public HighwaySpec {
        Objects.requireNonNull(inputSize, "inputSize");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(lanes, "lanes");
        rowAnchors = List.copyOf(rowAnchors);
        classes = List.copyOf(classes);
        if (laneSlots < 1) {
            throw new IllegalArgumentException("laneSlots must be >= 1: " + laneSlots);
        }
        if (gridCells < 1) {
            throw new IllegalArgumentException("gridCells must be >= 1: " + gridCells);
        }
        RowAnchorLaneDecoder.validateAnchors(rowAnchors.stream().mapToDouble(Double::doubleValue).toArray());
        SpecChecks.checkGrid(inputSize, stride);
        SpecChecks.checkClasses(classes);
    }

    /** The output the model must produce: lanes {@code [1, slots, R, G + 1]}, vehicles {@code [1, C + 4, H/s, W/s]}. */
    public OutputContract outputContract() {
        return new OutputContract(List.of(
                new long[] {1, laneSlots, rowAnchors.size(), gridCells + 1L},
                new long[] {1, classes.size() + 4L, inputSize.height() / stride, inputSize.width() / stride}));
    }
}
