package dev.triage.ros.tcpros;

import java.io.IOException;

/** The node's in-flight budget could not hold the rest of a message; the connection is dropped and re-made. */
public final class MessageBudgetException extends IOException {

    MessageBudgetException(long announced, long limit) {
        super("message of " + announced + " bytes refused: the node's in-flight budget of " + limit
                + " bytes is taken by messages still arriving");
    }
}
