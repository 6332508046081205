package dev.triage.ros.tcpros;

import java.util.Optional;

/**
 * Decides whether a peer's connection header fits a topic's type, the way roscpp and rospy do: md5sums must match
 * unless either side says {@code *} (rostopic's AnyMsg), and so must type names.
 */
public final class HeaderCheck {

    private HeaderCheck() {
    }

    /**
     * @param topic   the topic, for the message
     * @param type    our type name
     * @param md5     our md5sum
     * @param theirs  the peer's header
     * @return the reason to refuse, or empty when the peer fits
     */
    public static Optional<String> mismatch(String topic, String type, String md5, ConnectionHeader theirs) {
        Optional<String> error = theirs.get("error");
        if (error.isPresent()) {
            return Optional.of("peer refused: " + error.get());
        }
        String theirMd5 = theirs.getOr("md5sum", "");
        String theirType = theirs.getOr("type", "");
        if (theirMd5.isEmpty()) {
            return Optional.of("header for " + topic + " has no md5sum");
        }
        if (!theirMd5.equals("*") && !md5.equals("*") && !theirMd5.equals(md5)) {
            return Optional.of("md5sum mismatch on " + topic + ": peer has " + theirType + " [" + theirMd5
                    + "], this node has " + type + " [" + md5 + "]");
        }
        if (!theirType.isEmpty() && !theirType.equals("*") && !type.equals("*") && !theirType.equals(type)) {
            return Optional.of("type mismatch on " + topic + ": peer has " + theirType + ", this node has " + type);
        }
        return Optional.empty();
    }
}
