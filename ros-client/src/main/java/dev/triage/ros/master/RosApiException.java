package dev.triage.ros.master;

import dev.triage.ros.xmlrpc.XmlRpcException;

/** A ROS master or slave API call that answered with a status code other than 1 (success). */
public final class RosApiException extends XmlRpcException {

    private final int code;

    /**
     * @param method        the API method
     * @param code          the status code (0 failure, -1 error)
     * @param statusMessage the status message
     */
    public RosApiException(String method, int code, String statusMessage) {
        super(method + " failed (" + code + "): " + statusMessage);
        this.code = code;
    }

    /** The status code. */
    public int code() {
        return code;
    }
}
