package dev.triage.ros.tcpros;

import java.io.IOException;

/** A peer announced a message larger than the node's cap; the connection is dropped before allocating it. */
public final class OversizedMessageException extends IOException {

    /**
     * @param announced the length the peer announced
     * @param limit     the cap
     */
    public OversizedMessageException(long announced, int limit) {
        super("message of " + announced + " bytes refused (limit " + limit + ")");
    }
}
