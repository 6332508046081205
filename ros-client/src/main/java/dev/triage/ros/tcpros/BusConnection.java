package dev.triage.ros.tcpros;

/**
 * One TCPROS connection as the slave API's getBusInfo / getBusStats report it.
 *
 * @param id          connection id
 * @param peer        the peer's caller id (outgoing) or slave URI (incoming)
 * @param direction   "o" for a subscriber we publish to, "i" for a publisher we read from
 * @param topic       the topic
 * @param connected   whether the socket is up
 * @param bytes       payload bytes moved
 * @param messages    messages moved
 * @param dropped     messages dropped by the bounded queue
 */
public record BusConnection(int id, String peer, String direction, String topic, boolean connected, long bytes,
                            long messages, long dropped) {
}
