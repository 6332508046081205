package dev.triage.ros;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RosNode} joins the ROS graph. Built by the launcher from ROS_MASTER_URI, ROS_IP / ROS_HOSTNAME and
 * {@code __name:=}; nothing in this module reads the environment.
 *
 * @param masterUri          the master, e.g. {@code http://127.0.0.1:11311/}
 * @param host               the host name or IP that peers use to reach this node (ROS_IP / ROS_HOSTNAME)
 * @param nodeName           this node's global name, e.g. {@code /triage}
 * @param bindAddress        the local address the node's servers listen on ("0.0.0.0" for every interface)
 * @param masterPollInterval how often the master is polled to detect a restart
 * @param rpcTimeout         timeout of each XML-RPC call
 * @param maxInFlightBytes   bytes of incoming messages being read, all links together, at most (the in-flight
 *                           budget); a message that would exceed it is refused and counted as {@code over_budget}
 */
public record RosNodeConfig(URI masterUri, String host, String nodeName, String bindAddress,
                            Duration masterPollInterval, Duration rpcTimeout, long maxInFlightBytes) {

    /** Default in-flight budget: 256 MiB (four 4K bgra8 frames arriving at once). */
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 256L << 20;

    public RosNodeConfig {
        Objects.requireNonNull(masterUri, "masterUri");
        if (!"http".equals(masterUri.getScheme()) || masterUri.getHost() == null) {
            throw new IllegalArgumentException("master URI must look like http://host:11311/, got " + masterUri);
        }
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        GraphNames.requireGlobal(nodeName, "node name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (masterPollInterval.isNegative() || masterPollInterval.isZero()) {
            throw new IllegalArgumentException("masterPollInterval must be positive");
        }
        if (rpcTimeout.isNegative() || rpcTimeout.isZero()) {
            throw new IllegalArgumentException("rpcTimeout must be positive");
        }
        if (maxInFlightBytes < dev.triage.ros.tcpros.MemoryBudget.FREE_BYTES) {
            throw new IllegalArgumentException("maxInFlightBytes must be at least "
                    + dev.triage.ros.tcpros.MemoryBudget.FREE_BYTES + ", got " + maxInFlightBytes);
        }
    }

    /** Listens on {@code host}, polls the master every second, 2 s XML-RPC timeout, 256 MiB in flight. */
    public static RosNodeConfig of(URI masterUri, String host, String nodeName) {
        return new RosNodeConfig(masterUri, host, nodeName, host, Duration.ofSeconds(1), Duration.ofSeconds(2),
                DEFAULT_MAX_IN_FLIGHT_BYTES);
    }

    /** A copy listening on another local address. */
    public RosNodeConfig withBindAddress(String address) {
        return new RosNodeConfig(masterUri, host, nodeName, address, masterPollInterval, rpcTimeout,
                maxInFlightBytes);
    }

    /** A copy polling the master at another interval. */
    public RosNodeConfig withMasterPollInterval(Duration interval) {
        return new RosNodeConfig(masterUri, host, nodeName, bindAddress, interval, rpcTimeout, maxInFlightBytes);
    }

    /** A copy with another in-flight budget. */
    public RosNodeConfig withMaxInFlightBytes(long bytes) {
        return new RosNodeConfig(masterUri, host, nodeName, bindAddress, masterPollInterval, rpcTimeout, bytes);
    }
}
