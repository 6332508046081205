package dev.triage.datasets.rosbag2.mcap;

/** The MCAP record opcodes and constants this reader uses. */
final class McapOpcodes {
    static final int HEADER = 0x01;
    static final int FOOTER = 0x02;
    static final int SCHEMA = 0x03;
    static final int CHANNEL = 0x04;
    static final int MESSAGE = 0x05;
    static final int CHUNK = 0x06;
    /** The 8 bytes that open and close every MCAP file: 0x89, "MCAP0", CR, LF. */
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
    /** Opcode + length of every record. */
    static final int RECORD_PREFIX = 9;
    /** Footer content: summary start, summary offset start, summary CRC. */
    static final int FOOTER_CONTENT = 20;

    private McapOpcodes() {
    }
}
