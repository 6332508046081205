package dev.triage.datasets.bag;

/**
 * The bag header record (always the first record, padded to 4096 bytes).
 *
 * @param indexPosition   file offset of the index (connection and chunk info records); 0 while a recorder still
 *                        writes the bag, and past the end of the file when the bag was cut
 * @param connectionCount number of connections, as written with the index (0 without one)
 * @param chunkCount      number of chunks, as written with the index (0 without one)
 */
public record BagHeader(long indexPosition, int connectionCount, int chunkCount) {
}
