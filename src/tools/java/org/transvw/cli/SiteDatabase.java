package org.transvw.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An update site's {@code db.xml.gz}: the list of files ({@code <plugin filename=...>}), each with
 * its current {@code <version checksum timestamp filesize>} (description, dependencies, links,
 * authors) and its {@code <previous-version>}s, as Fiji's updater reads it (imagej-updater's
 * {@code XMLFileReader}: a non-validating SAX read; timestamps are {@code yyyyMMddHHmmss} numbers;
 * the updater fetches {@code <site URL><filename>-<timestamp>}).
 * <p>
 * Written byte-for-byte deterministically: fixed element and attribute order, plugins sorted by
 * file name, UTF-8, and a gzip header whose modification time is 0 (Java's
 * {@link GZIPOutputStream} always writes MTIME 0; {@link #gzip} checks it).
 */
public final class SiteDatabase {

	/** A dependency on another file of the site, by unversioned name (e.g. jars/api.jar). */
	public record Dependency(String filename, long timestamp) {}

	/** The current version of a file. */
	public record Version(String checksum, long timestamp, long filesize, String description,
		List<Dependency> dependencies, List<String> links, List<String> authors)
	{

		public Version {
			dependencies = List.copyOf(dependencies);
			links = List.copyOf(links);
			authors = List.copyOf(authors);
		}
	}

	/** A version the site once served; lets Fiji mark an installed old copy "updateable". */
	public record Previous(String checksum, long timestamp, long timestampObsolete,
		String filename)
	{}

	/** One file of the site; {@code current} null means the file was removed (obsolete). */
	public record Plugin(String filename, Version current, List<Previous> previous) {

		public Plugin {
			previous = List.copyOf(previous);
		}
	}

	/** Our DTD for the site format (the updater writes an equivalent one and never validates). */
	static final String DTD = "<!DOCTYPE pluginRecords [\n" +
		"<!ELEMENT pluginRecords (plugin*)>\n" +
		"<!ELEMENT plugin (platform*, category*, version?, previous-version*)>\n" +
		"<!ATTLIST plugin filename CDATA #REQUIRED executable CDATA #IMPLIED>\n" +
		"<!ELEMENT platform (#PCDATA)>\n" +
		"<!ELEMENT category (#PCDATA)>\n" +
		"<!ELEMENT version (description?, dependency*, link*, author*)>\n" +
		"<!ATTLIST version checksum CDATA #REQUIRED timestamp CDATA #REQUIRED" +
		" filesize CDATA #REQUIRED>\n" +
		"<!ELEMENT description (#PCDATA)>\n" +
		"<!ELEMENT dependency EMPTY>\n" +
		"<!ATTLIST dependency filename CDATA #REQUIRED timestamp CDATA #IMPLIED" +
		" overrides CDATA #IMPLIED>\n" +
		"<!ELEMENT link (#PCDATA)>\n" +
		"<!ELEMENT author (#PCDATA)>\n" +
		"<!ELEMENT previous-version EMPTY>\n" +
		"<!ATTLIST previous-version checksum CDATA #REQUIRED timestamp CDATA #REQUIRED" +
		" timestamp-obsolete CDATA #IMPLIED filename CDATA #IMPLIED>\n" +
		"]>\n";

	private SiteDatabase() {}

	/** The uncompressed db.xml for {@code plugins} (sorted by file name). */
	public static byte[] xml(final List<Plugin> plugins) {
		final List<Plugin> sorted = new ArrayList<>(plugins);
		sorted.sort((a, b) -> a.filename().compareTo(b.filename()));
		final StringBuilder b = new StringBuilder();
		b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(DTD);
		b.append("<pluginRecords>\n");
		for (final Plugin p : sorted) {
			b.append("    <plugin filename=\"").append(esc(p.filename())).append("\">\n");
			final Version v = p.current();
			if (v != null) {
				b.append("        <version checksum=\"").append(esc(v.checksum())).append(
					"\" timestamp=\"").append(v.timestamp()).append("\" filesize=\"").append(v
						.filesize()).append("\">\n");
				if (v.description() != null) element(b, "description", v.description());
				for (final Dependency d : v.dependencies())
					b.append("            <dependency filename=\"").append(esc(d.filename())).append(
						"\" timestamp=\"").append(d.timestamp()).append("\"/>\n");
				for (final String l : v.links())
					element(b, "link", l);
				for (final String a : v.authors())
					element(b, "author", a);
				b.append("        </version>\n");
			}
			for (final Previous o : p.previous()) {
				b.append("        <previous-version checksum=\"").append(esc(o.checksum())).append(
					"\" timestamp=\"").append(o.timestamp()).append("\" timestamp-obsolete=\"")
					.append(o.timestampObsolete()).append('"');
				if (o.filename() != null) b.append(" filename=\"").append(esc(o.filename())).append(
					'"');
				b.append("/>\n");
			}
			b.append("    </plugin>\n");
		}
		b.append("</pluginRecords>\n");
		return b.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Gzips {@code data} with a constant header (MTIME 0), so equal input gives equal bytes. */
	public static byte[] gzip(final byte[] data) throws IOException {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
			gz.write(data);
		}
		final byte[] out = bytes.toByteArray();
		for (int i = 4; i < 8; i++)
			if (out[i] != 0) throw new IllegalStateException("gzip header carries a modification " +
				"time; this Java runtime breaks reproducible update sites");
		return out;
	}

	/** Reads a db.xml.gz (ours or the updater's); an absent file gives an empty list. */
	public static List<Plugin> read(final Path dbXmlGz) throws IOException {
		if (!Files.exists(dbXmlGz)) return List.of();
		final Document doc;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(dbXmlGz))) {
			doc = parser().parse(in);
		}
		catch (final SAXException e) {
			throw new IOException(dbXmlGz + ": not a valid update-site database: " + e
				.getMessage(), e);
		}
		final List<Plugin> out = new ArrayList<>();
		final NodeList plugins = doc.getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			final Element p = (Element) plugins.item(i);
			Version current = null;
			final List<Previous> previous = new ArrayList<>();
			final NodeList versions = p.getElementsByTagName("version");
			if (versions.getLength() > 0) {
				final Element v = (Element) versions.item(0);
				final List<Dependency> deps = new ArrayList<>();
				final NodeList ds = v.getElementsByTagName("dependency");
				for (int j = 0; j < ds.getLength(); j++) {
					final Element d = (Element) ds.item(j);
					deps.add(new Dependency(d.getAttribute("filename"), number(d, "timestamp")));
				}
				current = new Version(v.getAttribute("checksum"), number(v, "timestamp"), number(v,
					"filesize"), text(v, "description"), deps, texts(v, "link"), texts(v, "author"));
			}
			final NodeList ps = p.getElementsByTagName("previous-version");
			for (int j = 0; j < ps.getLength(); j++) {
				final Element o = (Element) ps.item(j);
				previous.add(new Previous(o.getAttribute("checksum"), number(o, "timestamp"), number(o,
					"timestamp-obsolete"), o.hasAttribute("filename") ? o.getAttribute("filename")
						: null));
			}
			out.add(new Plugin(p.getAttribute("filename"), current, previous));
		}
		return out;
	}

	private static DocumentBuilder parser() throws IOException {
		try {
			final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			f.setExpandEntityReferences(false);
			f.setXIncludeAware(false);
			return f.newDocumentBuilder();
		}
		catch (final ParserConfigurationException e) {
			throw new IOException("XML parser unavailable", e);
		}
	}

	private static long number(final Element e, final String attribute) {
		final String s = e.getAttribute(attribute);
		return s.isEmpty() ? 0 : Long.parseLong(s);
	}

	private static String text(final Element e, final String tag) {
		final NodeList l = e.getElementsByTagName(tag);
		return l.getLength() == 0 ? null : l.item(0).getTextContent();
	}

	private static List<String> texts(final Element e, final String tag) {
		final List<String> out = new ArrayList<>();
		final NodeList l = e.getElementsByTagName(tag);
		for (int i = 0; i < l.getLength(); i++)
			out.add(l.item(i).getTextContent());
		return out;
	}

	private static void element(final StringBuilder b, final String tag, final String text) {
		b.append("            <").append(tag).append('>').append(esc(text)).append("</").append(
			tag).append(">\n");
	}

	private static String esc(final String s) {
		final StringBuilder b = new StringBuilder(s.length());
		for (final char c : s.toCharArray()) {
			switch (c) {
				case '&': b.append("&amp;"); break;
				case '<': b.append("&lt;"); break;
				case '>': b.append("&gt;"); break;
				case '"': b.append("&quot;"); break;
				default: b.append(c);
			}
		}
		return b.toString();
	}
}
