package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.common.Cancellation;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.normalize.Normalizations;
import org.transvw.engine.EngineSession;
import org.transvw.finetuning.Candidates;
import org.transvw.finetuning.ClassifierBundle;

import ij.measure.ResultsTable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Classifies candidate locations with a classifier bundle: one probability per candidate (per
 * class for more than two classes), as a results table and a CSV. Macro:
 * <pre>
 * run("Classify candidates", "table=[/data/candidates.csv] bundle=[/models/ncc] csv=[/out/probabilities.csv] batch=8 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Classify candidates")
public class ClassifyCandidatesCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter(persist = false, label = "Table of candidates (CSV)", style = "open",
		description = "CSV with header image,x,y,z[,label]; paths relative to the CSV")
	private File table;

	@Parameter(persist = false, label = "Bundle of the classifier", style = "directory",
		description = "Classifier bundle written by Fine-tune (classification)")
	private File bundle;

	@Parameter(persist = false, label = "Csv file to write (optional)", style = "save", required = false,
		description = "image,x,y,z,probability (binary) or image,x,y,z,p0..pC-1")
	private File csv;

	@Parameter(label = "Batch of cubes per forward pass", min = "1", persist = false,
		description = "Cubes sent to the device at once")
	private int batch = 8;

	@Parameter(label = "Device (auto, cpu, gpu, gpu:N)", persist = false,
		description = "Where the network runs")
	private String device = "auto";

	@Parameter(label = "Probabilities", type = ItemIO.OUTPUT,
		description = "One row per candidate with its class probabilities")
	private ResultsTable probabilities;

	@Override
	public void run() {
		final Cancellation cancel = Cancellation.of(this::isCanceled);
		try {
			if (table == null || bundle == null) throw new IllegalArgumentException(
				"table, bundle: expected a candidates CSV and a classifier bundle");
			final List<Candidates.Candidate> rows = Candidates.read(table.toPath());
			try (ClassifierBundle b = ClassifierBundle.load(bundle.toPath(), EngineSession.device(
				device)))
			{
				final int[] cube = b.description().patch();
				final Map<Path, RandomAccessibleInterval<FloatType>> images = new HashMap<>();
				final List<Img<FloatType>> cubes = new ArrayList<>();
				for (final Candidates.Candidate c : rows) {
					cancel.check();
					RandomAccessibleInterval<FloatType> img = images.get(c.image());
					if (img == null) {
						final Volume v = VolumeIO.read(c.image(), 3);
						img = Normalizations.forModel(v, b.description().normalization()).floats();
						images.put(c.image(), img);
					}
					cubes.add(Candidates.crop(img, new long[] { c.x(), c.y(), c.z() }, cube));
				}
				status.showStatus("classifying " + cubes.size() + " candidates");
				final float[][] p = b.predict(cubes, batch);
				probabilities = new ResultsTable();
				final List<String> lines = new ArrayList<>();
				final int k = p[0].length;
				lines.add("image,x,y,z," + (k == 1 ? "probability" : header(k)));
				for (int i = 0; i < rows.size(); i++) {
					final Candidates.Candidate c = rows.get(i);
					probabilities.incrementCounter();
					probabilities.addValue("image", c.image().getFileName().toString());
					probabilities.addValue("x", c.x());
					probabilities.addValue("y", c.y());
					probabilities.addValue("z", c.z());
					final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%d,%d", c
						.image().getFileName(), c.x(), c.y(), c.z()));
					for (int j = 0; j < k; j++) {
						probabilities.addValue(k == 1 ? "probability" : "p" + j, p[i][j]);
						line.append(String.format(Locale.ROOT, ",%.6f", p[i][j]));
					}
					lines.add(line.toString());
				}
				if (csv != null && !csv.getPath().isEmpty()) writeAtomically(csv.toPath(), lines);
			}
			status.showStatus("classified " + rows.size() + " candidates");
		}
		catch (final IllegalArgumentException | IOException e) {
			cancel(e.getMessage());
		}
		catch (final CancellationException e) {
			cancel("cancelled");
		}
	}

	private static String header(final int k) {
		final StringBuilder b = new StringBuilder();
		for (int j = 0; j < k; j++)
			b.append(j == 0 ? "" : ",").append('p').append(j);
		return b.toString();
	}

	private static void writeAtomically(final Path file, final List<String> lines)
		throws IOException
	{
		final Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		final Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
		Files.write(tmp, lines);
		Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}
}
