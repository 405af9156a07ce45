package org.transvw.network.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.transvw.common.Checks;
import org.transvw.common.FileTrees;
import org.transvw.common.Sha256;
import org.transvw.network.BundleDescription;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.TransferReport;
import org.transvw.network.UNet3dConfig;
import org.transvw.network.weights.WeightImporter;

import ai.djl.Device;
import ai.djl.Model;

/**
 * Reads a package written by {@link BioImageIoExporter} back into a bundle, without running
 * anything from it: {@code rdf.yaml} is parsed with SnakeYAML's safe constructor, every file with
 * a {@code sha256} is checked, the weights go through the restricted {@code torch.save} reader of
 * {@link WeightImporter} (no pickle code is executed), and the architecture comes from the
 * attached {@code model.json}, never from the Python file. Packages of other tools are refused
 * with a message: only this project's architecture can be rebuilt.
 */
public final class BioImageIoImporter {

	/** What the import produced. */
	public record Imported(Path bundle, BundleDescription description, TransferReport report) {}

	private BioImageIoImporter() {}

	/** Reads {@code zip} and writes the bundle folder {@code dir} (atomically, as a bundle). */
	public static Imported toBundle(final Path zip, final Path dir, final Device device)
		throws IOException
	{
		Checks.notNull(zip, "package");
		Checks.notNull(dir, "bundle folder");
		final ZipFile z;
		try {
			z = new ZipFile(zip.toFile());
		}
		catch (final ZipException ex) {
			throw new IOException(zip + ": not a zip file: " + ex.getMessage(), ex);
		}
		try (z) {
			final Map<String, Object> rdf = parseRdf(z, zip);
			final Path tmp = Files.createTempDirectory("transvw-bioimageio-");
			try {
				for (final Map<String, Object> f : hashedFiles(rdf, zip))
					extractChecked(z, zip, String.valueOf(f.get("source")), String.valueOf(f.get(
						"sha256")), tmp);
				final BundleDescription d = BundleDescription.fromJson(Files.readString(tmp.resolve(
					ModelBundle.DESCRIPTION), StandardCharsets.UTF_8));
				final UNet3dConfig net = d.unet3d().withNumClasses(0);
				final WeightImporter.Imported w = WeightImporter.read(tmp.resolve(
					BioImageIoExporter.WEIGHTS), new WeightImporter.Options(Flavour.PYTORCH, net
						.batchNormMode()));
				final UNet3dConfig found = w.config();
				if (found.baseWidth() != net.baseWidth() || found.inChannels() != net.inChannels() ||
					found.outChannels() != net.outChannels() || found.skipConnections() != net
						.skipConnections()) throw new IOException(zip + ": the weights describe " + found +
							", but model.json says " + net);
				final Map<String, Object> prov = new LinkedHashMap<>(w.provenance());
				prov.put("importedFrom", zip.getFileName().toString());
				prov.put("importedSha256", Sha256.of(zip));
				final WeightImporter.Imported fixed = new WeightImporter.Imported(net, w.values(), w
					.report(), prov);
				final BundleDescription out = new BundleDescription(net, d.patch(), d.normalization(), d
					.pretext(), d.numClasses(), d.provenance()).withProvenance(prov);
				try (Model model = WeightImporter.toModel(fixed, device)) {
					ModelBundle.save(dir, model, out);
				}
				return new Imported(dir, out, w.report());
			}
			finally {
				FileTrees.deleteTree(tmp);
			}
		}
	}

	private static Map<String, Object> parseRdf(final ZipFile z, final Path zip)
		throws IOException
	{
		final ZipEntry e = z.getEntry(BioImageIoExporter.RDF);
		if (e == null) throw new IOException(zip + ": no rdf.yaml: not a BioImage.IO package");
		final Map<String, Object> rdf;
		try (InputStream in = z.getInputStream(e)) {
			rdf = BioImageIoRdf.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (final RuntimeException ex) {
			throw new IOException(zip + "!rdf.yaml: not valid YAML: " + ex.getMessage(), ex);
		}
		final String version = String.valueOf(rdf.get("format_version"));
		if (!"model".equals(rdf.get("type")) || !version.startsWith("0.5.")) throw new IOException(
			zip + ": expected a model of spec 0.5.x, got type " + rdf.get("type") + ", format_version " +
				version);
		final Object callable = BioImageIoRdf.get(rdf, "weights", "pytorch_state_dict",
			"architecture", "callable");
		final boolean ours = BioImageIoRdf.get(rdf, "config", "transvw") instanceof Map;
		if (!StateDictExport.CALLABLE.equals(callable) || !ours) throw new IOException(zip +
			": not a TransVW for Fiji export (" + (callable == null ? "no pytorch_state_dict " +
				"architecture" : "architecture '" + callable + "'") + (ours ? "" : ", no config.transvw") +
			"): only packages written by Export to BioImage.IO can be imported, since only their " +
			"architecture is known");
		return rdf;
	}

	/** Every {source, sha256} the rdf lists: weights, architecture, test tensors, attachments. */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> hashedFiles(final Map<String, Object> rdf,
		final Path zip) throws IOException
	{
		final List<Map<String, Object>> files = new java.util.ArrayList<>();
		final Object w = BioImageIoRdf.get(rdf, "weights", "pytorch_state_dict");
		files.add((Map<String, Object>) w);
		files.add((Map<String, Object>) ((Map<String, Object>) w).get("architecture"));
		for (final String side : new String[] { "inputs", "outputs" })
			if (rdf.get(side) instanceof List<?> l) for (final Object t : l)
				if (t instanceof Map<?, ?> m && m.get("test_tensor") instanceof Map<?, ?> tt) files.add(
					(Map<String, Object>) tt);
		if (rdf.get("attachments") instanceof List<?> l) for (final Object a : l)
			if (a instanceof Map<?, ?> m) files.add((Map<String, Object>) m);
		final boolean described = files.stream().anyMatch(f -> ModelBundle.DESCRIPTION.equals(f.get(
			"source")));
		if (!described) throw new IOException(zip + ": the attachment " + ModelBundle.DESCRIPTION +
			" is missing");
		return files;
	}

	private static void extractChecked(final ZipFile z, final Path zip, final String name,
		final String sha, final Path dir) throws IOException
	{
		if (name.contains("/") || name.contains("\\") || name.startsWith(".")) throw new IOException(
			zip + ": file name " + name + " leaves the package folder");
		final ZipEntry e = z.getEntry(name);
		if (e == null) throw new IOException(zip + ": " + name + " is listed in rdf.yaml but missing");
		final Path f = dir.resolve(name);
		try (InputStream in = z.getInputStream(e)) {
			Files.copy(in, f);
		}
		final String actual = Sha256.of(f);
		if (!actual.equals(sha)) throw new IOException(zip + ": " + name + " has SHA-256 " + actual +
			", rdf.yaml says " + sha + " (damaged or altered package)");
	}
}
