package org.transvw.command;

import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
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
 * Macro:
 * <pre>
 * run("Perturbation preview", "input=cube transform=transvw count=4 seed=42");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Perturbation preview")
public class PerturbationPreviewCommand extends TransVwCommand {

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

	@Parameter(label = SharedParameters.SEED_LABEL, description = SharedParameters.SEED_DESCRIPTION +
		" (copy i uses the stream seed -> fork(i))", persist = false)
	private long seed = 42;

	@Parameter(label = "Rescale min-max to [0, 1] first", description =
		"Map the image's minimum..maximum to 0..1 before perturbing (for images not yet normalised)",
		persist = false)
	private boolean rescale = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Preview")
	private ImagePlus preview;

	@Override
	protected void execute() throws IOException {
		final Volume volume = Inputs.volume(input, "input", 0);
		final RandomAccessibleInterval<FloatType> cube = PerturbationPreview.unitRange(volume
			.floats(), rescale);
		if (cube == null) throw new IllegalArgumentException("input: expected intensities in [0, " +
			"1]; tick 'rescale' or normalise the image first (e.g. the CT window)");
		final Img<FloatType> montage = PerturbationPreview.montage(cube, policy(), count,
			RandomStreams.seeded(seed), progress(), cancellation());
		// the montage keeps the input's voxel size and orientation; its x extent is count + 1 panels
		preview = ImagePlusBridge.toImagePlus(new Volume(Views.zeroMin(montage), volume.spacing(),
			volume.origin(), volume.direction(), volume.modality(), volume.normalization()),
			"Perturbation preview (" + transform + ", seed " + seed + ")");
	}

	private PerturbationPolicy policy() {
		try {
			return PerturbationPolicies.byName(transform);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("transform: " + e.getMessage(), e);
		}
	}
}
