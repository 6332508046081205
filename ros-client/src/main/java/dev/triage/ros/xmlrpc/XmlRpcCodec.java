package dev.triage.ros.xmlrpc;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes XML-RPC documents. Values map to Java as: {@code <int>/<i4>} Integer, {@code <i8>} Long,
 * {@code <boolean>} Boolean, {@code <double>} Double, {@code <string>} (or untyped) String, {@code <base64>} byte[],
 * {@code <array>} List, {@code <struct>} Map&lt;String, Object&gt;, {@code <nil/>} null. Values nested deeper than
 * {@link #MAX_DEPTH} arrays or structs are refused (the slave and master APIs nest at most 4 deep).
 */
public final class XmlRpcCodec {

    /** Deepest nesting of arrays and structs accepted. */
    public static final int MAX_DEPTH = 32;

    private XmlRpcCodec() {
    }

    /** A {@code methodCall} document. */
    public static String encodeCall(String method, List<?> params) {
        StringBuilder b = new StringBuilder(256).append("<?xml version=\"1.0\"?><methodCall><methodName>");
        escape(method, b);
        b.append("</methodName><params>");
        for (Object p : params) {
            b.append("<param>");
            value(p, b);
            b.append("</param>");
        }
        return b.append("</params></methodCall>").toString();
    }

    /** A successful {@code methodResponse}. */
    public static String encodeResponse(Object result) {
        StringBuilder b = new StringBuilder(256).append("<?xml version=\"1.0\"?><methodResponse><params><param>");
        value(result, b);
        return b.append("</param></params></methodResponse>").toString();
    }

    /** A {@code methodResponse} carrying a fault. */
    public static String encodeFault(int code, String message) {
        StringBuilder b = new StringBuilder(256).append("<?xml version=\"1.0\"?><methodResponse><fault>");
        value(Map.of("faultCode", code, "faultString", message), b);
        return b.append("</fault></methodResponse>").toString();
    }

    private static void value(Object v, StringBuilder b) {
        b.append("<value>");
        if (v == null) {
            b.append("<nil/>");
        } else if (v instanceof String s) {
            b.append("<string>");
            escape(s, b);
            b.append("</string>");
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            b.append("<int>").append(v).append("</int>");
        } else if (v instanceof Long l) {
            if (l == l.intValue()) {
                b.append("<int>").append(l).append("</int>");
            } else {
                b.append("<i8>").append(l).append("</i8>");
            }
        } else if (v instanceof Boolean bo) {
            b.append("<boolean>").append(bo ? 1 : 0).append("</boolean>");
        } else if (v instanceof Double || v instanceof Float) {
            b.append("<double>").append(((Number) v).doubleValue()).append("</double>");
        } else if (v instanceof byte[] bytes) {
            b.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
        } else if (v instanceof List<?> list) {
            b.append("<array><data>");
            for (Object o : list) {
                value(o, b);
            }
            b.append("</data></array>");
        } else if (v instanceof Map<?, ?> map) {
            b.append("<struct>");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append("<member><name>");
                escape(String.valueOf(e.getKey()), b);
                b.append("</name>");
                value(e.getValue(), b);
                b.append("</member>");
            }
            b.append("</struct>");
        } else {
            throw new IllegalArgumentException("no XML-RPC type for " + v.getClass().getName());
        }
        b.append("</value>");
    }

    private static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\r' -> b.append("&#13;");
                default -> b.append(c);
            }
        }
    }

    /**
     * Decodes a {@code methodCall}.
     *
     * @throws XmlRpcException when the XML is unsafe, malformed or not a method call
     */
    public static XmlRpcCall decodeCall(byte[] xml) throws XmlRpcException {
        Element root = SafeXml.parse(xml).getDocumentElement();
        if (!root.getTagName().equals("methodCall")) {
            throw new XmlRpcException("expected <methodCall>, got <" + root.getTagName() + ">");
        }
        Element name = child(root, "methodName");
        if (name == null) {
            throw new XmlRpcException("<methodCall> without <methodName>");
        }
        return new XmlRpcCall(name.getTextContent().strip(), params(child(root, "params")));
    }

    /**
     * Decodes a {@code methodResponse}.
     *
     * @return the single result value
     * @throws XmlRpcFault     when the response is a fault
     * @throws XmlRpcException when the XML is unsafe, malformed or not a response
     */
    public static Object decodeResponse(byte[] xml) throws XmlRpcException {
        Document doc = SafeXml.parse(xml);
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("methodResponse")) {
            throw new XmlRpcException("expected <methodResponse>, got <" + root.getTagName() + ">");
        }
        Element fault = child(root, "fault");
        if (fault != null) {
            Object f = decodeValue(child(fault, "value"), 0);
            if (f instanceof Map<?, ?> m) {
                Object code = m.get("faultCode");
                throw new XmlRpcFault(code instanceof Number n ? n.intValue() : -1, String.valueOf(m.get("faultString")));
            }
            throw new XmlRpcFault(-1, String.valueOf(f));
        }
        List<Object> params = params(child(root, "params"));
        if (params.size() != 1) {
            throw new XmlRpcException("expected one result, got " + params.size());
        }
        return params.get(0);
    }

    private static List<Object> params(Element params) throws XmlRpcException {
        List<Object> out = new ArrayList<>();
        if (params == null) {
            return out;
        }
        for (Element p : children(params)) {
            if (!p.getTagName().equals("param")) {
                throw new XmlRpcException("unexpected <" + p.getTagName() + "> in <params>");
            }
            out.add(decodeValue(child(p, "value"), 0));
        }
        return out;
    }

    private static Object decodeValue(Element value, int depth) throws XmlRpcException {
        if (value == null) {
            throw new XmlRpcException("missing <value>");
        }
        if (depth > MAX_DEPTH) {
            throw new XmlRpcException("XML-RPC value nested too deep (more than " + MAX_DEPTH + " arrays or structs)");
        }
        List<Element> kids = children(value);
        if (kids.isEmpty()) {
            return value.getTextContent();
        }
        Element t = kids.get(0);
        if (t.getTagName().equals("array")) {
            return array(t, depth);
        }
        if (t.getTagName().equals("struct")) {
            return struct(t, depth);
        }
        String text = t.getTextContent();
        try {
            return switch (t.getTagName()) {
                case "string", "dateTime.iso8601" -> text;
                case "int", "i4" -> Integer.parseInt(text.strip());
                case "i8" -> Long.parseLong(text.strip());
                case "boolean" -> parseBoolean(text.strip());
                case "double" -> Double.parseDouble(text.strip());
                case "base64" -> Base64.getMimeDecoder().decode(text.strip());
                case "nil" -> null;
                default -> throw new XmlRpcException("unknown XML-RPC type <" + t.getTagName() + ">");
            };
        } catch (IllegalArgumentException e) {
            throw new XmlRpcException("bad <" + t.getTagName() + "> value '" + text + "'", e);
        }
    }

    private static Boolean parseBoolean(String s) throws XmlRpcException {
        return switch (s) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new XmlRpcException("bad boolean '" + s + "'");
        };
    }

    private static List<Object> array(Element array, int depth) throws XmlRpcException {
        List<Object> out = new ArrayList<>();
        Element data = child(array, "data");
        if (data != null) {
            for (Element v : children(data)) {
                out.add(decodeValue(v, depth + 1));
            }
        }
        return out;
    }

    private static Map<String, Object> struct(Element struct, int depth) throws XmlRpcException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Element m : children(struct)) {
            Element name = child(m, "name");
            if (name == null) {
                throw new XmlRpcException("<member> without <name>");
            }
            out.put(name.getTextContent(), decodeValue(child(m, "value"), depth + 1));
        }
        return out;
    }

    private static Element child(Element parent, String tag) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
