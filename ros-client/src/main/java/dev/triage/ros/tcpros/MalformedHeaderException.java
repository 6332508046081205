package dev.triage.ros.tcpros;

import java.io.IOException;

/** A connection header that is not a TCPROS header (bad lengths, a field without '=', too large). */
public final class MalformedHeaderException extends IOException {

    MalformedHeaderException(String message) {
        super(message);
    }
}
