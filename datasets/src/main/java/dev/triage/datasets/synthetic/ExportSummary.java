package dev.triage.datasets.synthetic;

import java.nio.file.Path;

/**
 * What {@link DatasetExporter} wrote.
 *
 * @param directory      output directory
 * @param frames         images written
 * @param urbanFrames    of which urban
 * @param highwayFrames  of which highway
 * @param boxes          labelled boxes in all frames
 * @param ignored        ignore regions in all frames
 * @param renderMsPerFrame mean rendering time per frame (without JPEG encoding and writing)
 * @param totalSeconds   wall time of the whole export
 */
public record ExportSummary(Path directory, int frames, int urbanFrames, int highwayFrames, long boxes, long ignored,
                            double renderMsPerFrame, double totalSeconds) {
}
