package dev.triage.ros.xmlrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads an HTTP body with a size cap, so a peer cannot make the node buffer without bound. */
final class BoundedBody {

    private BoundedBody() {
    }

    static byte[] read(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] chunk = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw new XmlRpcException("XML-RPC body larger than " + maxBytes + " bytes refused");
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}
