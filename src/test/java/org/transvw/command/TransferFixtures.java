package org.transvw.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.network.BatchNormMode;
import org.transvw.network.BundleDescription;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3dConfig;

import ai.djl.Device;
import ai.djl.Model;
import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/** Small files for the transfer command tests: sphere volumes as NIfTI and tiny bundles. */
final class TransferFixtures {

	static final double[] SPACING = { 0.8, 0.9, 2.5 };

	private TransferFixtures() {}

	/**
	 * Command arguments {@code base} (key, value pairs) with {@code extra}'s pairs replacing the
	 * value of a key already there or appended.
	 */
	static Object[] override(final List<Object> base, final Object... extra) {
		final List<Object> args = new ArrayList<>(base);
		next: for (int i = 0; i < extra.length; i += 2) {
			for (int k = 0; k < args.size(); k += 2)
				if (args.get(k).equals(extra[i])) {
					args.set(k + 1, extra[i + 1]);
					continue next;
				}
			args.add(extra[i]);
			args.add(extra[i + 1]);
		}
		return args.toArray();
	}

	/** A 24x24x16 volume with one bright sphere of radius 4 at (cx, 12, 8) and its mask. */
	static Volume[] sphere(final int cx, final long seed) {
		final Img<FloatType> img = ArrayImgs.floats(24, 24, 16);
		final Img<UnsignedByteType> lab = ArrayImgs.unsignedBytes(24, 24, 16);
		final RandomStreams rng = RandomStreams.seeded(seed);
		final Cursor<FloatType> c = img.localizingCursor();
		final Cursor<UnsignedByteType> l = lab.cursor();
		while (c.hasNext()) {
			c.fwd();
			l.fwd();
			final double dx = c.getIntPosition(0) - cx, dy = c.getIntPosition(1) - 12, dz = c
				.getIntPosition(2) - 8;
			final boolean in = dx * dx + dy * dy + dz * dz <= 16;
			l.get().set(in ? 1 : 0);
			c.get().set((float) ((in ? 0.7 : 0.3) + 0.05 * rng.nextGaussian()));
		}
		return new Volume[] { Volume.of(img, SPACING, Modality.OTHER), Volume.of(lab, SPACING,
			Modality.OTHER) };
	}

	/** images/ and labels/ with {@code n} sphere cases. */
	/**
	 * Writes spheres v0..v2 ({@link #sphere}, centre x 12) into {@code dir} and the candidates
	 * table {@code cand.csv}: a positive at each sphere's centre, a negative in the background
	 * corner. Returns the table.
	 */
	static Path writeSphereCandidates(final Path dir) throws IOException {
		Files.createDirectories(dir);
		final List<String> rows = new ArrayList<>(List.of("image,x,y,z,label"));
		for (int i = 0; i < 3; i++) {
			VolumeIO.write(sphere(12, i)[0], dir.resolve("v" + i + ".nii.gz"));
			rows.add("v" + i + ".nii.gz,12,12,8,1");
			rows.add("v" + i + ".nii.gz,2,2,3,0");
		}
		final Path table = dir.resolve("cand.csv");
		Files.write(table, rows);
		return table;
	}

	static void writeCases(final Path root, final int n) throws IOException {
		Files.createDirectories(root.resolve("images"));
		Files.createDirectories(root.resolve("labels"));
		for (int i = 0; i < n; i++) {
			final Volume[] v = sphere(8 + i % 3 * 4, i);
			VolumeIO.write(v[0], root.resolve("images/case_" + i + ".nii.gz"));
			VolumeIO.write(v[1], root.resolve("labels/case_" + i + ".nii.gz"));
		}
	}

	/** A freshly initialised base-8 segmentation bundle with patch 16x16x16. */
	static void writeSegmentationBundle(final Path dir) throws IOException {
		writeSegmentationBundle(dir, org.transvw.data.InputConvention.of(IntensityRecipe.none()));
	}

	/** The same, trained (as it says) on {@code input}. */
	static void writeSegmentationBundle(final Path dir, final org.transvw.data.InputConvention input)
		throws IOException
	{
		final UNet3dConfig c = new UNet3dConfig(Flavour.PYTORCH, 8, 1, 1, true, 0,
			OutputActivation.SIGMOID, BatchNormMode.RUNNING);
		try (Model m = ModelBundle.newModel(c, Device.cpu())) {
			ModelBundle.save(dir, m, new BundleDescription(c, new int[] { 16, 16, 16 }, input,
				"segmentation", 1, java.util.Map.of()));
		}
	}
}
