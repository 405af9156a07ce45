package org.transvw.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The bad inputs of the matrix (docs/bad-input.md), written once into one folder: broken
 * volumes, label folders that do not fit, bundles of the wrong kind or broken, hostile weight
 * files, and a folder of a user's own results that no command may touch.
 */
final class BadInputFixtures {

	/** The user's own files in {@code results/}: none may change. */
	static final List<String> USER_FILES = List.of("images/case_000.nii.gz",
		"labels/case_000.nii.gz", "scores.csv", "notes.txt");

	final Path root;

	BadInputFixtures(final Path root) throws IOException {
		this.root = root;
		// good cases: 3 sphere volumes with 0/1 labels
		TransferFixtures.writeCases(root.resolve("good"), 3);
		Files.createDirectories(root.resolve("empty"));
		Files.createDirectories(root.resolve("text"));
		Files.writeString(root.resolve("text/notes.txt"), "not an image");
		Files.createDirectories(root.resolve("fake"));
		Files.writeString(root.resolve("fake/case_0.nii.gz"), "plain text renamed to .nii.gz");
		copy("good/images/case_1.nii.gz", "fake/case_1.nii.gz");
		final Img<FloatType> nan = ArrayImgs.floats(24, 24, 16);
		nan.randomAccess().setPositionAndGet(1, 2, 3).set(Float.NaN);
		nan.randomAccess().setPositionAndGet(4, 5, 6).set(Float.NaN);
		nan.randomAccess().setPositionAndGet(7, 8, 9).set(Float.POSITIVE_INFINITY);
		write(Volume.of(nan, TransferFixtures.SPACING, Modality.OTHER), "nan/images/case_0.nii.gz");
		copy("good/labels/case_0.nii.gz", "nan/labels/case_0.nii.gz");
		copy("good/images/case_1.nii.gz", "nan/images/case_1.nii.gz");
		copy("good/labels/case_1.nii.gz", "nan/labels/case_1.nii.gz");
		for (int i = 0; i < 3; i++) {
			write(Volume.of(ArrayImgs.floats(24, 24), new double[] { 1, 1 }, Modality.OTHER),
				"flat/images/case_" + i + ".nii.gz");
			write(Volume.of(ArrayImgs.unsignedBytes(24, 24), new double[] { 1, 1 }, Modality.OTHER),
				"flat/labels/case_" + i + ".nii.gz");
			write(Volume.of(ArrayImgs.floats(24, 24, 16), TransferFixtures.SPACING, Modality.CT),
				"zero/case_" + i + ".nii.gz");
			copy("good/images/case_" + i + ".nii.gz", "wrongsize/images/case_" + i + ".nii.gz");
			write(Volume.of(ArrayImgs.unsignedBytes(20, 24, 16), TransferFixtures.SPACING,
				Modality.OTHER), "wrongsize/labels/case_" + i + ".nii.gz");
			copy("good/images/case_" + i + ".nii.gz", "values/images/case_" + i + ".nii.gz");
			final Img<UnsignedByteType> lab = ArrayImgs.unsignedBytes(24, 24, 16);
			lab.randomAccess().setPositionAndGet(3, 3, 3).set(2);
			lab.randomAccess().setPositionAndGet(4, 4, 4).set(7);
			lab.randomAccess().setPositionAndGet(5, 4, 4).set(7);
			write(Volume.of(lab, TransferFixtures.SPACING, Modality.OTHER), "values/labels/case_" + i +
				".nii.gz");
		}
		write(Volume.of(ArrayImgs.floats(12, 12, 8), TransferFixtures.SPACING, Modality.OTHER),
			"tiny.nii.gz");
		fourD();
		truncatedGzip();
		rgbTiff();
		candidates();
		bundles();
		weightFiles();
		userResults();
		geometry();
		Files.writeString(root.resolve("occupied"), "a file where a folder is expected");
	}

	Path path(final String relative) {
		return root.resolve(relative);
	}

	/** A real classifier bundle (base width 8, patch 16), trained for one epoch on first use. */
	Path classifier() throws Exception {
		final Path dir = root.resolve("bundle-classifier");
		if (Files.exists(dir.resolve(ModelBundle.DESCRIPTION))) return dir;
		try (org.scijava.Context ctx = new org.scijava.Context(
			org.scijava.command.CommandService.class))
		{
			final org.scijava.command.CommandModule m = ctx.service(
				org.scijava.command.CommandService.class).run(FineTuneClassificationCommand.class, true,
					"table", root.resolve("good/candidates.csv").toFile(), "output", dir.toFile(), "patch",
					"16,16,16", "epochs", 1, "batch", 2, "width", 8, "validation", 0.5, "device", "cpu")
				.get();
			if (m.isCanceled()) throw new IllegalStateException(m.getCancelReason());
		}
		return dir;
	}

	private void write(final Volume v, final String relative) throws IOException {
		Files.createDirectories(root.resolve(relative).getParent());
		VolumeIO.write(v, root.resolve(relative));
	}

	private void copy(final String from, final String to) throws IOException {
		Files.createDirectories(root.resolve(to).getParent());
		Files.copy(root.resolve(from), root.resolve(to));
	}

	/** A NIfTI-1 header claiming 4 dimensions (2 time points) with its data. */
	private void fourD() throws IOException {
		final Path f = root.resolve("four/images/case_0.nii");
		Files.createDirectories(f.getParent());
		write(Volume.of(ArrayImgs.floats(8, 8, 8), new double[] { 1, 1, 1 }, Modality.OTHER),
			"four/images/case_0.nii");
		final byte[] one = Files.readAllBytes(f);
		final ByteBuffer b = ByteBuffer.allocate(one.length + 8 * 8 * 8 * 4).order(
			ByteOrder.LITTLE_ENDIAN);
		b.put(one);
		b.putShort(40, (short) 4);
		b.putShort(48, (short) 2);
		Files.write(f, b.array());
		copy("good/labels/case_0.nii.gz", "four/labels/case_0.nii.gz");
	}

	private void truncatedGzip() throws IOException {
		copy("good/labels/case_0.nii.gz", "truncated/labels/case_0.nii.gz");
		copy("good/labels/case_1.nii.gz", "truncated/labels/case_1.nii.gz");
		copy("good/images/case_1.nii.gz", "truncated/images/case_1.nii.gz");
		final byte[] full = Files.readAllBytes(root.resolve("good/images/case_0.nii.gz"));
		Files.write(root.resolve("truncated/images/case_0.nii.gz"), Arrays.copyOf(full, full.length /
			2));
	}

	private void rgbTiff() {
		final ImageStack s = new ImageStack(24, 24);
		for (int z = 0; z < 16; z++)
			s.addSlice(new ColorProcessor(24, 24));
		new FileSaver(new ImagePlus("rgb", s)).saveAsTiffStack(root.resolve("rgb.tif").toString());
	}

	private void candidates() throws IOException {
		Files.write(root.resolve("good/candidates.csv"), List.of("image,x,y,z,label",
			"images/case_0.nii.gz,12,12,8,1", "images/case_1.nii.gz,2,2,3,0",
			"images/case_1.nii.gz,12,12,8,1", "images/case_2.nii.gz,3,3,3,0"));
		Files.write(root.resolve("good/onevolume.csv"), List.of("image,x,y,z,label",
			"images/case_0.nii.gz,12,12,8,1", "images/case_0.nii.gz,2,2,3,0",
			"images/case_0.nii.gz,20,20,12,0"));
		Files.write(root.resolve("good/outside.csv"), List.of("image,x,y,z,label",
			"images/case_0.nii.gz,12,12,8,1", "images/case_1.nii.gz,500,2,3,0"));
	}

	private void bundles() throws IOException {
		final UNet3dConfig c = new UNet3dConfig(Flavour.PYTORCH, 8, 1, 1, true, 0,
			OutputActivation.SIGMOID, BatchNormMode.RUNNING);
		try (Model m = ModelBundle.newModel(c, Device.cpu())) {
			for (final String pretext : List.of("segmentation", "classification", "transvw",
				"imported"))
				ModelBundle.save(root.resolve("bundle-" + pretext), m, new BundleDescription(c,
					new int[] { 16, 16, 16 }, IntensityRecipe.none(), pretext, 1, Map.of()));
		}
		final Path corrupt = root.resolve("bundle-corrupt");
		Files.createDirectories(corrupt);
		Files.writeString(corrupt.resolve(ModelBundle.DESCRIPTION), "{ not json");
		Files.copy(root.resolve("bundle-transvw").resolve(ModelBundle.WEIGHTS), corrupt.resolve(
			ModelBundle.WEIGHTS));
		final Path truncated = root.resolve("bundle-truncated");
		Files.createDirectories(truncated);
		Files.copy(root.resolve("bundle-transvw").resolve(ModelBundle.DESCRIPTION), truncated
			.resolve(ModelBundle.DESCRIPTION));
		final byte[] w = Files.readAllBytes(root.resolve("bundle-transvw").resolve(
			ModelBundle.WEIGHTS));
		Files.write(truncated.resolve(ModelBundle.WEIGHTS), Arrays.copyOf(w, w.length / 3));
	}

	/**
	 * The geometry and modality cases: an uncalibrated TIFF stack (and a labelled folder of them),
	 * a NIfTI with pixdim 0, an oblique (10 degrees) grid, intensities of no known modality, and
	 * segmentation / pre-training bundles recorded as CT, or at a spacing far from the data.
	 */
	private void geometry() throws IOException {
		final ImageStack s = new ImageStack(24, 24);
		for (int z = 0; z < 16; z++)
			s.addSlice(new ij.process.ShortProcessor(24, 24));
		new FileSaver(new ImagePlus("uncalibrated", s)).saveAsTiffStack(root.resolve(
			"uncalibrated.tif").toString());
		Files.createDirectories(root.resolve("uncal/images"));
		Files.createDirectories(root.resolve("uncal/labels"));
		for (int i = 0; i < 3; i++) {
			Files.copy(root.resolve("uncalibrated.tif"), root.resolve("uncal/images/case_" + i +
				".tif"));
			copy("good/labels/case_" + i + ".nii.gz", "uncal/labels/case_" + i + ".nii.gz");
		}
		final Path zero = root.resolve("zero-pixdim.nii");
		write(Volume.of(ArrayImgs.floats(24, 24, 16), TransferFixtures.SPACING, Modality.OTHER),
			"zero-pixdim.nii");
		final byte[] b = Files.readAllBytes(zero);
		final ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		h.putShort(252, (short) 0); // qform_code
		h.putShort(254, (short) 0); // sform_code
		h.putFloat(76 + 4 * 3, 0f); // pixdim[3]
		Files.write(zero, b);
		final double c = Math.cos(Math.toRadians(10)), n = Math.sin(Math.toRadians(10));
		write(new Volume(ArrayImgs.floats(24, 24, 16), TransferFixtures.SPACING, new double[3],
			new double[] { c, -n, 0, n, c, 0, 0, 0, 1 }, Modality.OTHER, org.transvw.data.IntensityMap
				.raw()), "oblique.nii.gz");
		final Img<FloatType> odd = ArrayImgs.floats(24, 24, 16);
		int i = 0;
		for (final FloatType t : odd)
			t.set(-200 + i++ % 1000);
		write(Volume.of(odd, TransferFixtures.SPACING, Modality.OTHER), "odd.nii.gz");
		final UNet3dConfig net = new UNet3dConfig(Flavour.PYTORCH, 8, 1, 1, true, 0,
			OutputActivation.SIGMOID, BatchNormMode.RUNNING);
		final org.transvw.data.InputConvention ct = new org.transvw.data.InputConvention(Modality.CT,
			IntensityRecipe.ctDefault(), TransferFixtures.SPACING, org.transvw.data.InputConvention.RAS);
		final org.transvw.data.InputConvention far = new org.transvw.data.InputConvention(Modality.MR,
			IntensityRecipe.none(), new double[] { 3, 3, 8 }, org.transvw.data.InputConvention.RAS);
		try (Model m = ModelBundle.newModel(net, Device.cpu())) {
			for (final String[] kind : new String[][] { { "ct-segmentation", "segmentation" }, {
				"ct-transvw", "transvw" } })
				ModelBundle.save(root.resolve("bundle-" + kind[0]), m, new BundleDescription(net,
					new int[] { 16, 16, 16 }, ct, kind[1], 1, Map.of()));
			ModelBundle.save(root.resolve("bundle-far-segmentation"), m, new BundleDescription(net,
				new int[] { 16, 16, 16 }, far, "segmentation", 1, Map.of()));
		}
	}

	/** Protocol-2 pickle of os.system('touch MARKER'). */
	private static byte[] osSystem(final Path marker) {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.writeBytes(new byte[] { (byte) 0x80, 2 });
		b.writeBytes("cposix\nsystem\nq\u0000X".getBytes(StandardCharsets.ISO_8859_1));
		final byte[] cmd = ("touch " + marker).getBytes(StandardCharsets.UTF_8);
		b.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(cmd.length)
			.array());
		b.writeBytes(cmd);
		b.writeBytes(new byte[] { (byte) 0x85, 'R', '.' });
		return b.toByteArray();
	}

	private void weightFiles() throws IOException {
		Files.writeString(root.resolve("text.pt"), "hello, I am a text file");
		Files.write(root.resolve("evil.pt"), osSystem(root.resolve("pwned")));
		try (OutputStream os = Files.newOutputStream(root.resolve("evil-zip.pt"));
			ZipOutputStream zip = new ZipOutputStream(os))
		{
			zip.putNextEntry(new ZipEntry("evil/data.pkl"));
			zip.write(osSystem(root.resolve("pwned")));
			zip.closeEntry();
		}
		Files.write(root.resolve("loop.pt"), new byte[] { (byte) 0x80, 2, ']', 'q', 0, 'h', 0, 'a',
			'.' });
	}

	/** A folder of a user's own data and results, which no command may touch. */
	private void userResults() throws IOException {
		copy("good/images/case_0.nii.gz", "results/images/case_000.nii.gz");
		copy("good/labels/case_0.nii.gz", "results/labels/case_000.nii.gz");
		Files.writeString(root.resolve("results/scores.csv"), "case,dice\ncase_000,0.9\n");
		Files.writeString(root.resolve("results/notes.txt"), "my notes");
	}

	/** The user's files in {@code dir} (relative path -> bytes), to compare before and after. */
	static Map<String, String> snapshot(final Path dir) throws IOException {
		final Map<String, String> m = new java.util.TreeMap<>();
		try (var s = Files.walk(dir)) {
			for (final Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator)
				m.put(dir.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)).hashCode() +
					":" + Files.size(p));
		}
		return m;
	}

	/** The macro call that opens {@code title} as a new image in batch mode. */
	static String newImage(final String title, final String type, final int channels) {
		return "newImage(\"" + title + "\", \"" + type + " black\", 24, 24, " + channels +
			", 16, 1);";
	}
}
