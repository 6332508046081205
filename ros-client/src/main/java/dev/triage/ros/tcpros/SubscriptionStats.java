package dev.triage.ros.tcpros;

/**
 * Counters of one subscribed topic.
 *
 * @param received   messages read and decoded
 * @param dropped    messages dropped because the callback queue was full
 * @param oversized  messages refused for exceeding the size cap (the connection is dropped and re-made)
 * @param malformed  messages that did not decode as the topic's type
 * @param refused    handshakes refused (type or md5sum mismatch, unknown topic, an invalid requestTopic endpoint)
 * @param connects   successful handshakes, reconnections included
 * @param publishers publishers connected now
 * @param badHeaders publishers whose connection header was malformed
 * @param timeouts   connections dropped because a header or message body stopped arriving
 * @param overBudget messages refused because the node's in-flight budget was taken
 */
public record SubscriptionStats(long received, long dropped, long oversized, long malformed, long refused,
                                long connects, int publishers, long badHeaders, long timeouts, long overBudget) {
}
