package dev.triage.ros.tcpros;

import java.util.concurrent.atomic.AtomicInteger;

/** Numbers TCPROS connections for getBusInfo / getBusStats. */
final class ConnectionIds {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private ConnectionIds() {
    }

    static int next() {
        return NEXT.incrementAndGet();
    }
}
