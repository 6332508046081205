package dev.triage.ros.tcpros;

/**
 * Counters of one advertised topic.
 *
 * @param published   messages handed to {@code publish}
 * @param sent        messages written to subscriber sockets (summed over subscribers)
 * @param dropped     messages dropped because a subscriber's queue was full (summed over subscribers, closed ones too)
 * @param subscribers subscribers connected now
 */
public record PublicationStats(long published, long sent, long dropped, int subscribers) {
}
