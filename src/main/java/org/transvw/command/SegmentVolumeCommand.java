package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.engine.EngineSession;
import org.transvw.imagej.ImagePlusBridge;
import org.transvw.inference.BlendWeights;
import org.transvw.inference.ModelPredictor;
import org.transvw.inference.SegmentationResult;
import org.transvw.inference.SlidingWindowConfig;
import org.transvw.inference.SlidingWindowSegmenter;
import org.transvw.inference.UncertainSegmentation;
import org.transvw.inference.UncertaintyMode;
import org.transvw.inference.UncertaintySegmenter;
import org.transvw.network.ModelBundle;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Segments a whole volume with a fine-tuned bundle by Gaussian-blended sliding window; outputs a
 * float probability image and a label image with the input's calibration. Macro:
 * <pre>
 * run("Segment volume", "file=[/data/case_009.nii.gz] bundle=[/models/lesions] overlap=0.5 flip=false budget=2 device=auto folder=[/out]");
 * </pre>
 * With {@code uncertainty=tta} it also outputs the predictive-entropy map (and the variance across
 * the augmentations) and a table with the case's mean uncertainty ({@link UncertaintySegmenter};
 * docs/beyond.md).
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Segment volume")
public class SegmentVolumeCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter(label = "Input image (or give a file)", required = false, persist = false,
		description = "An open 3D image; ignored when a file is given")
	private ImagePlus input;

	@Parameter(label = "File to segment (optional)", style = "open", required = false,
		persist = false,
		description = "A volume file (NIfTI, TIFF, DICOM) to segment instead of an open image")
	private File file;

	@Parameter(persist = false, label = "Bundle of the fine-tuned model", style = "directory",
		description = "Segmentation bundle written by Fine-tune (segmentation)")
	private File bundle;

	@Parameter(label = "Overlap of tiles", persist = false,
		description = "Fraction of a tile shared with its neighbour, in [0, 1); 0.5 = nnU-Net")
	private double overlap = 0.5;

	@Parameter(label = "Flip test-time augmentation", persist = false,
		description = "Average the predictions of the 8 flips of x, y, z (8x slower)")
	private boolean flip;

	@Parameter(label = "Budget of tiles per batch", min = "1", persist = false,
		description = "Tiles sent to the device at once; bounds device memory")
	private int budget = SlidingWindowConfig.DEFAULT_TILE_BUDGET;

	@Parameter(label = "Device (auto, cpu, gpu, gpu:N)", persist = false,
		description = "Where the network runs")
	private String device = "auto";

	@Parameter(label = "Folder to also write NIfTI results to (optional)", style = "directory",
		required = false, persist = false, description = "If set, probabilities/<name>.nii.gz and labels/<name>.nii.gz " +
			"are written inside it (labels/ can be evaluated against a labels folder by name)")
	private File folder;

	@Parameter(label = "Uncertainty (none, tta, mc)", choices = { "none", "tta", "mc" },
		persist = false, description = "tta: test-time augmentation over flips and x/y " +
			"transpositions (8-16x slower), giving a predictive-entropy map; mc is refused (no dropout)")
	private String uncertainty = "none";

	@Parameter(label = "Probability", type = ItemIO.OUTPUT,
		description = "Foreground probability (softmax models: 1 - p(background))")
	private ImagePlus probability;

	@Parameter(label = "Labels", type = ItemIO.OUTPUT,
		description = "Label image: p > 0.5 (binary) or the arg-max class")
	private ImagePlus labels;

	@Parameter(label = "Entropy", type = ItemIO.OUTPUT, required = false,
		description = "uncertainty=tta: predictive entropy of the mean probability (nats)")
	private ImagePlus entropy;

	@Parameter(label = "Variance", type = ItemIO.OUTPUT, required = false,
		description = "uncertainty=tta: variance of the foreground probability across the passes")
	private ImagePlus variance;

	@Parameter(label = "Uncertainty table", type = ItemIO.OUTPUT, required = false,
		description = "uncertainty=tta: the case's mean uncertainty")
	private ResultsTable table;

	@Parameter(label = "Passes per tile", type = ItemIO.OUTPUT,
		description = "Forward passes per tile: the cost multiplier against plain prediction")
	private int passes;

	@Parameter(label = "Mean entropy", type = ItemIO.OUTPUT,
		description = "uncertainty=tta: mean predictive entropy over all voxels (NaN otherwise)")
	private double meanentropy = Double.NaN;

	/** Binary: the sigmoid output; softmax: 1 - p(background). */
	private static Volume foreground(final SegmentationResult r) {
		final Volume p0 = r.probabilities().get(0);
		if (r.probabilities().size() == 1) return p0;
		return p0.withPixels(Converters.convert(p0.floats(), (a, b) -> b.set(1 - a.get()),
			new FloatType()), p0.normalization());
	}

	private void uncertaintyOutputs(final UncertainSegmentation u, final String name) {
		entropy = ImagePlusBridge.toImagePlus(u.entropy(), name + "_entropy");
		variance = ImagePlusBridge.toImagePlus(u.variance(), name + "_variance");
		meanentropy = u.meanEntropy();
		table = new ResultsTable();
		table.incrementCounter();
		table.addValue("case", name);
		table.addValue("passes", u.passes());
		table.addValue("mean_entropy", u.meanEntropy());
		table.addValue("mean_entropy_foreground", u.meanEntropyForeground());
		table.addValue("foreground_voxels", u.foregroundVoxels());
		table.addValue("mean_variance", u.meanVariance());
		table.addValue("max_entropy", u.maxEntropy());
	}

	@Override
	public void run() {
		final Progress progress = StatusProgress.of(status);
		try {
			if (bundle == null) throw new IllegalArgumentException("bundle: expected a bundle folder");
			if (!(overlap >= 0 && overlap < 1)) throw new IllegalArgumentException(
				"overlap: expected a fraction in [0, 1), got " + overlap);
			final boolean fromFile = file != null && !file.getPath().isEmpty();
			if (!fromFile && input == null) throw new IllegalArgumentException(
				"input: expected an open image or a file, got neither");
			final Volume volume = fromFile ? VolumeIO.read(file.toPath(), 3) : ImagePlusBridge.toVolume(
				input);
			if (volume.numDimensions() != 3) throw new IllegalArgumentException(
				"input: expected a 3D image, got " + volume.numDimensions() + "D");
			final UncertaintyMode mode = UncertaintyMode.parse(uncertainty);
			final String name = fromFile ? file.getName().replaceFirst("\\.(nii\\.gz|nii|tiff?)$", "")
				: input.getShortTitle();
			try (ModelBundle b = ModelBundle.load(bundle.toPath(), EngineSession.device(device))) {
				final SlidingWindowConfig sw = new SlidingWindowConfig(b.description().patch(), 1 -
					overlap, BlendWeights.DEFAULT_SIGMA_SCALE, budget, flip);
				final ModelPredictor predictor = new ModelPredictor(b.block(), b.model().getNDManager());
				final Cancellation cancel = Cancellation.of(this::isCanceled);
				final UncertainSegmentation u = mode == UncertaintyMode.TTA ? new UncertaintySegmenter(
					predictor, sw).segment(volume, b.description().normalization(), progress, cancel) : null;
				final SegmentationResult r = u != null ? u.segmentation() : new SlidingWindowSegmenter(
					predictor, sw).segment(volume, b.description().normalization(), progress, cancel);
				passes = u != null ? u.passes() : flip ? 8 : 1;
				status.showStatus(name + ": " + passes + " forward pass(es) per tile (" + passes +
					"x the cost of plain prediction)");
				if (u != null) uncertaintyOutputs(u, name);
				final Volume p = foreground(r);
				probability = ImagePlusBridge.toImagePlus(p, name + "_probability");
				labels = ImagePlusBridge.toImagePlus(r.labels(), name + "_labels");
				if (folder != null && !folder.getPath().isEmpty()) {
					final Path probabilities = folder.toPath().resolve("probabilities");
					final Path labelFolder = folder.toPath().resolve("labels");
					Files.createDirectories(probabilities);
					Files.createDirectories(labelFolder);
					VolumeIO.write(p, probabilities.resolve(name + ".nii.gz"));
					VolumeIO.write(r.labels(), labelFolder.resolve(name + ".nii.gz"));
					if (u != null) {
						Files.createDirectories(folder.toPath().resolve("uncertainty"));
						Files.createDirectories(folder.toPath().resolve("variance"));
						VolumeIO.write(u.entropy(), folder.toPath().resolve("uncertainty/" + name + ".nii.gz"));
						VolumeIO.write(u.variance(), folder.toPath().resolve("variance/" + name + ".nii.gz"));
					}
				}
			}
			status.showStatus("segmented " + name);
		}
		catch (final IllegalArgumentException | IOException e) {
			cancel(e.getMessage());
		}
		catch (final CancellationException e) {
			cancel("cancelled");
		}
	}
}
