package dev.triage.ros.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Calls XML-RPC methods over HTTP/1.1 (java.net.http). Thread-safe; one per node.
 *
 * <pre>{@code
 * XmlRpcClient rpc = new XmlRpcClient(Duration.ofSeconds(2));
 * Object pid = rpc.call(URI.create("http://127.0.0.1:11311/"), "getPid", "/me");
 * }</pre>
 */
public final class XmlRpcClient {

    /** Largest response accepted. */
    public static final int MAX_RESPONSE_BYTES = 16 << 20;

    private final HttpClient http;
    private final Duration timeout;

    /** @param timeout connect and response timeout of each call */
    public XmlRpcClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /**
     * Calls {@code method} on the server at {@code uri}.
     *
     * @return the result value
     * @throws XmlRpcFault     when the server answers with a fault
     * @throws XmlRpcException when the server cannot be reached or answers something that is not XML-RPC
     */
    public Object call(URI uri, String method, Object... params) throws XmlRpcException {
        return call(uri, method, Arrays.asList(params));
    }

    /** As {@link #call(URI, String, Object...)}, with the parameters as a list. */
    public Object call(URI uri, String method, List<?> params) throws XmlRpcException {
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(XmlRpcCodec.encodeCall(method, params), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = resp.body()) {
                body = BoundedBody.read(in, MAX_RESPONSE_BYTES);
            }
            if (resp.statusCode() != 200) {
                throw new XmlRpcException(method + " at " + uri + ": HTTP " + resp.statusCode());
            }
            return XmlRpcCodec.decodeResponse(body);
        } catch (XmlRpcException e) {
            throw e;
        } catch (IOException e) {
            throw new XmlRpcException(method + " at " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmlRpcException(method + " at " + uri + " interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new XmlRpcException(method + ": bad URI " + uri, e);
        }
    }
}
