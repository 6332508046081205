package dev.triage.launch.output;

/**
 * One small JPEG of an overlay frame, for the HTML report.
 *
 * @param index   position of the frame in the replay (0 = first frame in)
 * @param seq     the frame's sequence number
 * @param caption one line saying what the frame shows
 * @param jpeg    the JPEG bytes, at most {@link OverlayVideoTap#THUMBNAIL_WIDTH} pixels wide
 * @param width   thumbnail width in pixels
 * @param height  thumbnail height in pixels
 */
public record Thumbnail(long index, long seq, String caption, byte[] jpeg, int width, int height) {
}
