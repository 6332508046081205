package dev.triage.ros.tcpros;

/**
 * Counters of one subscribed topic.
 *
 * @param received   messages read and decoded
 * @param dropped    messages dropped because the callback queue was full
 * @param oversized  messages refused for exceeding the size cap (the connection is dropped and re-made)
 * @param malformed  messages that did not decode as the topic's type
 * @param refused    handshakes refused (type or md5sum mismatch, unknown topic)
 * @param connects   successful handshakes, reconnections included
 * @param publishers publishers connected now
 */
public record SubscriptionStats(long received, long dropped, long oversized, long malformed, long refused,
                                long connects, int publishers) {
}
