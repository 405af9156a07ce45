package org.transvw.command;

import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.common.Cancellation;
import org.transvw.common.RandomStreams;
import org.transvw.data.Volume;
import org.transvw.imagej.ImagePlusBridge;
import org.transvw.perturbation.policy.PerturbationPolicies;
import org.transvw.perturbation.policy.PerturbationPolicy;
import org.transvw.perturbation.policy.PerturbationPreview;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * "Perturbation preview": applies a named policy (transvw, genesis, ...) or a single transform
 * op (transvw.elastic, ...) to the image {@code count} times and shows the original and the
 * results side by side. Intensities must lie in [0, 1], or {@code rescale} maps min..max there.
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Perturbation preview")
public class PerturbationPreviewCommand extends ContextCommand {

	@Parameter(required = false)
	private StatusService status;

	@Parameter(label = "Input image", description =
		"2D image or 3D stack (one channel, one frame) with intensities in [0, 1]")
	private ImagePlus input;

	@Parameter(label = "Transform or policy", description =
		"A policy (transvw = released TransVW code, genesis = Models Genesis, paper, rotation, " +
			"inpainting, context-restoration, identity) or one transform op (transvw.elastic, ...)",
		choices = { "transvw", "genesis", "paper", "rotation", "inpainting", "context-restoration",
			"identity", "transvw.elastic", "transvw.shuffle", "transvw.nonlinear",
			"transvw.inpainting", "transvw.outpainting", "transvw.flip", "transvw.rotation",
			"transvw.contextswap", "transvw.identity" }, persist = false)
	private String transform = "transvw";

	@Parameter(label = "Count of perturbed copies", description =
		"How many perturbed copies to show next to the original (1-64)", min = "1", max = "64",
		persist = false)
	private int count = 4;

	@Parameter(label = "Seed of the random stream", description =
		"Copy i uses the stream seed -> fork(i): the same seed gives the same preview",
		persist = false)
	private long seed = 42;

	@Parameter(label = "Rescale min-max to [0, 1] first", description =
		"Map the image's minimum..maximum to 0..1 before perturbing (for images not yet normalised)",
		persist = false)
	private boolean rescale = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Preview")
	private ImagePlus preview;

	@Override
	public void run() {
		final Volume volume;
		try {
			volume = ImagePlusBridge.toVolume(input);
		}
		catch (final IllegalArgumentException e) {
			cancel("input: " + e.getMessage());
			return;
		}
		if (count < 1 || count > PerturbationPreview.MAX_COUNT) {
			cancel("count: expected 1.." + PerturbationPreview.MAX_COUNT + ", got " + count);
			return;
		}
		final RandomAccessibleInterval<FloatType> cube = PreviewInput.unitRange(volume.floats(),
			rescale);
		if (cube == null) {
			cancel("input: expected intensities in [0, 1]; tick 'rescale' or normalise the image " +
				"first (e.g. the CT window)");
			return;
		}
		final PerturbationPolicy policy;
		try {
			policy = PerturbationPolicies.byName(transform);
		}
		catch (final IllegalArgumentException e) {
			cancel("transform: " + e.getMessage());
			return;
		}
		final Img<FloatType> montage;
		try {
			montage = PerturbationPreview.montage(cube, policy, count, RandomStreams.seeded(seed), (f,
				m) -> {
				if (status != null) status.showProgress((int) (f * 100), 100);
			}, Cancellation.of(this::isCanceled));
		}
		catch (final CancellationException e) {
			return; // the module is already marked canceled; no partial output
		}
		// the montage keeps the input's voxel size and orientation; its x extent is count + 1 panels
		preview = ImagePlusBridge.toImagePlus(new Volume(Views.zeroMin(montage), volume.spacing(),
			volume.origin(), volume.direction(), volume.modality(), volume.normalization()),
			"Perturbation preview (" + transform + ", seed " + seed + ")");
	}
}
