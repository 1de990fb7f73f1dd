package dev.enshu.orchestrator.range.libvirt;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Domain, network and snapshot XML written and read with the JDK's DOM, never by concatenation. */
final class Xml {
  /** The namespace of Enshu's element in libvirt {@code <metadata>}. */
  static final String NS = "https://enshu.dev/libvirt/1";

  private final Document doc;

  private Xml(Document doc) {
    this.doc = doc;
  }

  static Xml root(String name) {
    Document doc = builder().newDocument();
    doc.appendChild(doc.createElement(name));
    return new Xml(doc);
  }

  Element root() {
    return doc.getDocumentElement();
  }

  /** Appends {@code <name attr=value...>text</name>} to {@code parent}. */
  Element text(Element parent, String name, String text, String... attributes) {
    Element e = doc.createElement(name);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      e.setAttribute(attributes[i], attributes[i + 1]);
    }
    if (text != null) {
      e.setTextContent(text);
    }
    parent.appendChild(e);
    return e;
  }

  Element add(Element parent, String name, String... attributes) {
    return text(parent, name, null, attributes);
  }

  /** {@code <metadata><enshu:range .../></metadata>} carrying the labels. */
  void metadata(Map<String, String> labels) {
    Element metadata = add(root(), "metadata");
    Element range = doc.createElementNS(NS, "enshu:range");
    labels.forEach((k, v) -> range.setAttribute(k, v));
    metadata.appendChild(range);
  }

  String write() {
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      StringWriter out = new StringWriter();
      t.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write XML", e);
    }
  }

  static Document parse(String xml) {
    try {
      return builder().parse(new InputSource(new StringReader(xml)));
    } catch (java.io.IOException | org.xml.sax.SAXException e) {
      throw new IllegalStateException("libvirt returned XML that does not parse", e);
    }
  }

  /** The labels in Enshu's metadata element of a domain or network XML, if it has one. */
  static Optional<Map<String, String>> labels(String xml) {
    NodeList nodes = parse(xml).getElementsByTagNameNS(NS, "range");
    if (nodes.getLength() == 0) {
      return Optional.empty();
    }
    Element e = (Element) nodes.item(0);
    Map<String, String> labels = new java.util.TreeMap<>();
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      labels.put(e.getAttributes().item(i).getNodeName(), e.getAttributes().item(i).getNodeValue());
    }
    return Optional.of(labels);
  }

  /** Values of {@code attribute} on every element {@code tag} of a document. */
  static List<String> attributes(String xml, String tag, String attribute) {
    NodeList nodes = parse(xml).getElementsByTagName(tag);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      String v = ((Element) nodes.item(i)).getAttribute(attribute);
      if (!v.isEmpty()) {
        values.add(v);
      }
    }
    return values;
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
