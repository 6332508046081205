package dev.triage.ros.xmlrpc;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Parses untrusted XML with DOCTYPE declarations refused outright, so no external entity, external DTD or entity
 * expansion (XXE, "billion laughs") can be used against the node, and with elements nested at most
 * {@link #MAX_ELEMENT_DEPTH} deep. XML-RPC never needs a DTD.
 */
public final class SafeXml {

    /** Deepest element nesting parsed. */
    public static final int MAX_ELEMENT_DEPTH = 256;

    private static final DocumentBuilderFactory FACTORY = factory();

    private SafeXml() {
    }

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // element depth: XML-RPC needs about 3 elements per nesting level; 150,000-deep documents stop here
            f.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_ELEMENT_DEPTH));
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks the features needed to parse safely", e);
        }
    }

    /**
     * Parses {@code xml}.
     *
     * @throws XmlRpcException when the document is malformed or declares a DOCTYPE
     */
    public static Document parse(byte[] xml) throws XmlRpcException {
        try {
            DocumentBuilder b;
            synchronized (FACTORY) {
                b = FACTORY.newDocumentBuilder();
            }
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            b.setErrorHandler(null);
            return b.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            throw new XmlRpcException("refused XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException | IOException e) {
            throw new XmlRpcException("cannot parse XML: " + e.getMessage(), e);
        }
    }
}
