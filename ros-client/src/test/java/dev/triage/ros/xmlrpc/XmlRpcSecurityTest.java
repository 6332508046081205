package dev.triage.ros.xmlrpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XmlRpcSecurityTest {

    @TempDir
    Path tmp;

    private String xxe(Path secret) {
        return "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<methodCall><methodName>getPid</methodName><params><param><value><string>&x;</string></value>"
                + "</param></params></methodCall>";
    }

    @Test
    void externalEntityIsRefusedByTheDecoder() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET");
        XmlRpcException e = assertThrows(XmlRpcException.class,
                () -> XmlRpcCodec.decodeCall(xxe(secret).getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<methodResponse><params><param><value>&b;</value></param></params></methodResponse>";
        assertThrows(XmlRpcException.class, () -> XmlRpcCodec.decodeResponse(laughs.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void serverAnswersAnXxePayloadWithAFaultAndNeverCallsTheHandler() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET");
        AtomicInteger calls = new AtomicInteger();
        try (XmlRpcServer server = new XmlRpcServer("127.0.0.1", 0, (m, p) -> {
            calls.incrementAndGet();
            return List.of(1, "", p);
        })) {
            HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString(xxe(secret))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode());
            assertTrue(resp.body().contains("<fault>"), resp.body());
            assertFalse(resp.body().contains("TOPSECRET"));
            assertEquals(0, calls.get());
            XmlRpcFault f = assertThrows(XmlRpcFault.class, () -> XmlRpcCodec.decodeResponse(resp.body().getBytes()));
            assertEquals(-32700, f.code());
        }
    }

    @Test
    void valuesRoundTripThroughClientAndServer() throws Exception {
        try (XmlRpcServer server = new XmlRpcServer("127.0.0.1", 0, (m, p) -> {
            if (m.equals("fail")) {
                throw new XmlRpcFault(7, "nope & <bad>");
            }
            return p;
        })) {
            XmlRpcClient c = new XmlRpcClient(Duration.ofSeconds(2));
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
            Map<String, Object> struct = new java.util.LinkedHashMap<>();
            struct.put("a", 1);
            struct.put("b", List.of("x", 2.5, true));
            Object r = c.call(uri, "echo", "s<&>", 42, 1L << 40, false, 0.25, new byte[]{1, 2, 3}, struct, null);
            List<?> l = (List<?>) r;
            assertEquals("s<&>", l.get(0));
            assertEquals(42, l.get(1));
            assertEquals(1L << 40, l.get(2));
            assertEquals(false, l.get(3));
            assertEquals(0.25, l.get(4));
            assertArrayEquals(new byte[]{1, 2, 3}, (byte[]) l.get(5));
            assertEquals(struct, l.get(6));
            assertNull(l.get(7));
            XmlRpcFault f = assertThrows(XmlRpcFault.class, () -> c.call(uri, "fail"));
            assertEquals(7, f.code());
            assertEquals("nope & <bad>", f.faultString());
        }
    }

    @Test
    void untypedValuesAndWhitespaceDecodeAsRosmasterSendsThem() throws Exception {
        String xml = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><array><data>\n"
                + "<value><int>1</int></value>\n<value>plain text</value>\n<value><i4> 3 </i4></value>\n"
                + "<value><boolean>1</boolean></value>\n</data></array></value>\n</param>\n</params>\n</methodResponse>\n";
        Object r = XmlRpcCodec.decodeResponse(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(1, "plain text", 3, true), r);
        assertInstanceOf(List.class, r);
        assertThrows(XmlRpcException.class, () -> XmlRpcCodec.decodeResponse("<nope/>".getBytes()));
    }

    static String deeplyNested(int depth) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>requestTopic</methodName>"
                + "<params><param>");
        b.append("<value><array><data>".repeat(depth)).append("<value>x</value>")
                .append("</data></array></value>".repeat(depth));
        return b.append("</param></params></methodCall>").toString();
    }

    /**
     * A 150,000-deep array is refused with a fault (no StackOverflowError in a pool thread), the handler is never
     * called, and the server answers the next call as usual.
     */
    @Test
    void deeplyNestedArrayIsRefusedCleanly() throws Exception {
        assertThrows(XmlRpcException.class,
                () -> XmlRpcCodec.decodeCall(deeplyNested(150_000).getBytes(StandardCharsets.UTF_8)));
        AtomicInteger calls = new AtomicInteger();
        try (XmlRpcServer server = new XmlRpcServer("127.0.0.1", 0, (m, p) -> {
            calls.incrementAndGet();
            return List.of(1, "", 7);
        })) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(deeplyNested(150_000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode());
            assertTrue(resp.body().contains("<fault>") && resp.body().contains("depth"), resp.body());
            assertEquals(0, calls.get());
            assertEquals(List.of(1, "", 7), new XmlRpcClient(Duration.ofSeconds(2)).call(uri, "getPid", "/x"));
        }
        // a legitimately nested answer (getSystemState is 4 deep) still decodes
        Object r = XmlRpcCodec.decodeCall(deeplyNested(20).getBytes(StandardCharsets.UTF_8)).params().get(0);
        assertInstanceOf(List.class, r);
    }
}
