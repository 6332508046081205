package dev.triage.ros.xmlrpc;

import java.util.List;

/**
 * Answers XML-RPC calls for an {@link XmlRpcServer}. Called from the server's threads, concurrently.
 *
 * <pre>{@code
 * XmlRpcHandler h = (method, params) -> switch (method) {
 *     case "getPid" -> List.of(1, "", 42);
 *     default -> throw new XmlRpcFault(-1, "unknown method " + method);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface XmlRpcHandler {

    /**
     * @return the result value
     * @throws XmlRpcFault to answer with a fault
     */
    Object handle(String method, List<Object> params) throws XmlRpcFault;
}
