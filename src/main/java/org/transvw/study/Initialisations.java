package org.transvw.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.transvw.common.Sha256;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;
import org.transvw.network.UNet3d;

/**
 * The initialisations of a study: scratch, then each bundle, checked before any cell runs by
 * reading its {@code model.json} (no engine needed): it must be a 3D U-Net bundle with one input
 * channel that a segmentation can start from (pre-trained: TransVW, Models Genesis, imported; or
 * an earlier segmentation), not a classifier or the self-discovery auto-encoder, and the patch
 * must fit its U-Net (each size a multiple of 8, its 3 poolings).
 */
public final class Initialisations {

	/** Pretext modes of bundles that are no starting point of a segmentation. */
	private static final Set<String> WRONG_KIND = Set.of("classification", "autoencoder");

	private Initialisations() {}

	/**
	 * Scratch and the bundles, named by their folder names (made unique with -2, -3, ...).
	 *
	 * @throws IllegalArgumentException naming {@code bundles} (or {@code patch})
	 */
	public static List<Arm> of(final List<Path> bundles, final int[] patch) throws IOException {
		final List<Arm> out = new ArrayList<>();
		out.add(Arm.scratch());
		final Set<String> names = new HashSet<>(Set.of(Arm.SCRATCH));
		for (final Path b : bundles) {
			final BundleDescription d = describe(b);
			try {
				UNet3d.requireInputSizes("patch", patch);
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException(e.getMessage() + " for the bundle " + b, e);
			}
			String base = b.toAbsolutePath().normalize().getFileName() == null ? "bundle" : b
				.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9_.-]",
					"_");
			if (base.isEmpty()) base = "bundle";
			String name = base;
			for (int k = 2; !names.add(name); k++)
				name = base + "-" + k;
			final Object sha = d.provenance().get(ModelBundle.WEIGHTS_SHA256);
			out.add(new Arm(name, b, sha != null ? sha.toString() : Sha256.of(b.resolve(
				ModelBundle.WEIGHTS))));
		}
		return out;
	}

	/** The bundle's description, or a message naming {@code bundles}. */
	public static BundleDescription describe(final Path b) throws IOException {
		if (!Files.isDirectory(b)) throw new IllegalArgumentException("bundles: expected model " +
			"bundle folders, got " + b + (Files.exists(b) ? " (not a folder)" : " (no such folder)"));
		final Path json = b.resolve(ModelBundle.DESCRIPTION);
		if (!Files.isRegularFile(json) || !Files.isRegularFile(b.resolve(ModelBundle.WEIGHTS)))
			throw new IllegalArgumentException("bundles: " + b + " is not a model bundle (expected " +
				ModelBundle.DESCRIPTION + " and " + ModelBundle.WEIGHTS + " in it)");
		final BundleDescription d;
		try {
			d = BundleDescription.fromJson(Files.readString(json, StandardCharsets.UTF_8));
		}
		catch (final RuntimeException e) {
			throw new IllegalArgumentException("bundles: " + json + " is not a valid bundle " +
				"description (" + e.getMessage() + ")", e);
		}
		if (WRONG_KIND.contains(d.pretext())) throw new IllegalArgumentException("bundles: " + b +
			" is a '" + d.pretext() + "' bundle; the study starts segmentations from a pre-trained " +
			"3D U-Net bundle (Pre-train TransVW, Import pre-trained weights) or a segmentation " +
			"bundle");
		if (d.network().spatialDimensions() != 3) throw new IllegalArgumentException("bundles: " +
			b + " holds a " + d.network().spatialDimensions() + "D network (" + d.network().choice()
				.key() + "); the study fine-tunes 3D U-Nets on volumes");
		if (d.network().inChannels() != 1) throw new IllegalArgumentException("bundles: " + b +
			" takes " + d.network().inChannels() + " input channels; the study needs a bundle of " +
			"single-channel volumes");
		return d;
	}
}
