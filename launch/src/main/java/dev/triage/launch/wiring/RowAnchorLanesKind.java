package dev.triage.launch.wiring;

import dev.triage.experts.HighwayExpert;
import dev.triage.inference.ModelLoadException;
import dev.triage.perception.spi.Expert;

import java.util.Set;

/** Kind {@code row_anchor_lanes}: lane boundaries by row anchors plus vehicles ({@link HighwayExpert}). */
final class RowAnchorLanesKind extends NamedExpertKind {

    RowAnchorLanesKind() {
        super("row_anchor_lanes", Set.of("min_lane_points", "continue_lanes", "vehicle_score_threshold", "nms_iou",
                "max_detections"));
    }

    @Override
    public Expert load(ExpertRequest r) throws StackFactory.StackException, ModelLoadException {
        return HighwayExpert.load(r.files().model(), r.sidecars().rowAnchorLanes(r.files().sidecar(), r.config()),
                r.runtime());
    }
}
