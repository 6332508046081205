package dev.triage.ros.xmlrpc;

import java.io.IOException;

/** An XML-RPC call that failed: transport error, malformed or refused XML, or a fault (see {@link XmlRpcFault}). */
public class XmlRpcException extends IOException {

    /** @param message what failed */
    public XmlRpcException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying error
     */
    public XmlRpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
