package dev.triage.ros.xmlrpc;

import java.util.List;
import java.util.Objects;

/**
 * A decoded {@code methodCall}.
 *
 * @param method the method name
 * @param params the parameters as XML-RPC values (see {@link XmlRpcCodec} for the Java types)
 */
public record XmlRpcCall(String method, List<Object> params) {

    public XmlRpcCall {
        Objects.requireNonNull(method, "method");
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }
}
