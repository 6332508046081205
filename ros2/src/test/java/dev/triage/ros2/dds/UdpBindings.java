package dev.triage.ros2.dds;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The local addresses of a process's UDP sockets, from Linux's {@code /proc/PID/fd} and {@code /proc/net/udp}
 * (what {@code ss -uanp} shows, without needing ss): how the tests prove a DDS participant stays on loopback.
 */
public final class UdpBindings {

    private UdpBindings() {
    }

    /** "address:port" of every UDP socket (IPv4 dotted, IPv6 as the kernel's hex) that process {@code pid} holds. */
    public static List<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // the descriptor closed while listing
                }
            }
        }
        List<String> bound = new ArrayList<>();
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && inodes.contains(f[9])) {
                    bound.add(address(f[1]));
                }
            }
        }
        return bound;
    }

    /** True for 127.0.0.0/8 and ::1. */
    public static boolean isLoopback(String binding) {
        return binding.startsWith("127.") || binding.startsWith("00000000000000000000000001000000:");
    }

    private static String address(String hex) {
        String[] hostPort = hex.split(":");
        int port = Integer.parseInt(hostPort[1], 16);
        if (hostPort[0].length() != 8) {
            return hostPort[0] + ":" + port;
        }
        long a = Long.parseLong(hostPort[0], 16);  // the kernel prints the address in host (little endian) order
        return (a & 0xff) + "." + (a >> 8 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >> 24 & 0xff) + ":" + port;
    }
}
