package dev.triage.ros.xmlrpc;

/** An XML-RPC {@code <fault>}: the peer understood the call and refused it. */
public final class XmlRpcFault extends XmlRpcException {

    private final int code;
    private final String faultString;

    /**
     * @param code    the fault code
     * @param message the fault string
     */
    public XmlRpcFault(int code, String message) {
        super("XML-RPC fault " + code + ": " + message);
        this.code = code;
        this.faultString = message;
    }

    /** The fault string as the peer sent it. */
    public String faultString() {
        return faultString;
    }

    /** The fault code. */
    public int code() {
        return code;
    }
}
