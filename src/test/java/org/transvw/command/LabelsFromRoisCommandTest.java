package org.transvw.command;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.transvw.EngineTests;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.imagej.ImagePlusBridge;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import net.imglib2.type.numeric.RealType;

/**
 * "Labels from ROIs": five strokes in an image's overlay become labels/<name>.nii.gz on the
 * image's grid, which "Fine-tune (segmentation)" trains on; Labkit TIFFs are accepted; an
 * existing file is not overwritten unless asked.
 */
public class LabelsFromRoisCommandTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/** Five strokes: a foreground disc in the sphere, background lines around it. */
	private static ImagePlus scribbled(final Volume v, final String title, final int cx) {
		final ImagePlus imp = ImagePlusBridge.toImagePlus(v, title);
		final Overlay o = new Overlay();
		o.add(at(new OvalRoi(cx - 2, 10, 5, 5), "foreground", 9));
		o.add(at(new OvalRoi(cx - 1, 11, 3, 3), "foreground", 8));
		final Line top = at(new Line(0, 2, 23, 2), "background", 9);
		top.setStrokeWidth(3);
		o.add(top);
		o.add(at(new Line(0, 21, 23, 21), "background", 9));
		o.add(at(new Line(1, 1, 22, 22), "background", 2));
		imp.setOverlay(o);
		return imp;
	}

	private static <R extends Roi> R at(final R r, final String name, final int slice) {
		r.setName(name);
		r.setPosition(slice);
		return r;
	}

	private static int count(final ImagePlus imp, final int slice, final int value) {
		final byte[] px = (byte[]) imp.getStack().getPixels(slice);
		int n = 0;
		for (final byte b : px)
			if ((b & 0xff) == value) n++;
		return n;
	}

	private static TreeMap<Integer, Integer> histogram(final Volume v) {
		final TreeMap<Integer, Integer> h = new TreeMap<>();
		for (final Object t : net.imglib2.view.Views.flatIterable(v.pixels()))
			h.merge((int) ((RealType<?>) t).getRealDouble(), 1, Integer::sum);
		return h;
	}

	@Test
	public void overlayStrokesBecomeALabelFileOnTheImagesGrid() throws Exception {
		// setup
		final Path labels = tmp.getRoot().toPath().resolve("labels");
		final ImagePlus imp = scribbled(TransferFixtures.sphere(10, 1)[0], "case_0.nii.gz", 10);
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandService cs = ctx.service(CommandService.class);
			// process
			final CommandModule m = cs.run(LabelsFromRoisCommand.class, true, "input", imp, "source",
				"auto", "output", labels.toFile(), "overwrite", false).get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			final Volume v = VolumeIO.read(labels.resolve("case_0.nii.gz"));
			assertArrayEquals(new long[] { 24, 24, 16 }, v.dimensions());
			assertArrayEquals(TransferFixtures.SPACING, v.spacing(), 1e-6);
			final TreeMap<Integer, Integer> h = histogram(v);
			assertEquals(java.util.Set.of(0, 1, 255), h.keySet());
			assertTrue((String) m.getOutput("summary"), ((String) m.getOutput("summary")).contains(
				"5 source(s)"));
			final ImagePlus out = (ImagePlus) m.getOutput("labels");
			assertEquals("disc of slice 9", 21, count(out, 9, 1));
			assertEquals("disc of slice 8", 9, count(out, 8, 1));
			assertEquals(h.get(1).intValue(), 30);
			// again without overwrite: refused (an earlier run's result), the file kept
			final long before = Files.size(labels.resolve("case_0.nii.gz"));
			final CommandModule again = cs.run(LabelsFromRoisCommand.class, true, "input", imp,
				"output", labels.toFile(), "source", "manager").get();
			assertTrue(again.isCanceled());
			assertTrue(again.getCancelReason(), again.getCancelReason().contains(
				"already holds results of an earlier run (case_0.nii.gz)"));
			assertEquals(before, Files.size(labels.resolve("case_0.nii.gz")));
		}
	}

	@Test
	public void labkitTiffWithLabelSetsIsConverted() throws Exception {
		// setup: a Labkit index image (0 none, 1 = "foreground", 2 = "background") and its .labels
		final ImagePlus idx = IJ.createImage("idx", "8-bit black", 24, 24, 16);
		idx.getStack().getProcessor(3).set(5, 6, 1);
		idx.getStack().getProcessor(4).set(1, 1, 2);
		final Path tif = tmp.getRoot().toPath().resolve("case_1.tif");
		IJ.saveAsTiff(idx, tif.toString());
		Files.writeString(tmp.getRoot().toPath().resolve("case_1.tif.labels"),
			"{\"labelSets\":[[],[\"foreground\"],[\"background\"]]}");
		final ImagePlus imp = ImagePlusBridge.toImagePlus(TransferFixtures.sphere(10, 1)[0],
			"case_1.nii.gz");
		final Path labels = tmp.getRoot().toPath().resolve("labels");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// process
			final CommandModule m = ctx.service(CommandService.class).run(LabelsFromRoisCommand.class,
				true, "input", imp, "file", tif.toFile(), "output", labels.toFile()).get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			final TreeMap<Integer, Integer> h = histogram(VolumeIO.read(labels.resolve(
				"case_1.nii.gz")));
			assertEquals(Integer.valueOf(1), h.get(1));
			assertEquals(Integer.valueOf(1), h.get(0));
			assertEquals(Integer.valueOf(24 * 24 * 16 - 2), h.get(255));
		}
	}

	@Test
	@Category(EngineTests.class)
	public void fineTuningTrainsOnTheScribbles() throws Exception {
		// setup: two cases, five strokes each
		final Path root = tmp.getRoot().toPath();
		Files.createDirectories(root.resolve("images"));
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandService cs = ctx.service(CommandService.class);
			for (int i = 0; i < 2; i++) {
				final int cx = 8 + 4 * i;
				final Volume v = TransferFixtures.sphere(cx, i)[0];
				VolumeIO.write(v, root.resolve("images/case_" + i + ".nii.gz"));
				final CommandModule m = cs.run(LabelsFromRoisCommand.class, true, "input", scribbled(v,
					"case_" + i + ".nii.gz", cx), "output", root.resolve("labels").toFile()).get();
				assertFalse(m.getCancelReason(), m.isCanceled());
			}
			// process
			final File out = root.resolve("bundle").toFile();
			final CommandModule ft = cs.run(FineTuneSegmentationCommand.class, true, "images", root
				.resolve("images").toFile(), "labels", root.resolve("labels").toFile(), "output", out,
				"patch", "16,16,16", "classes", 2, "epochs", 1, "batch", 2, "samples", 2, "lr", 1e-3,
				"patience", 5, "fraction", 1.0, "validation", 0.5, "freeze", false, "crossentropy", 1.0,
				"width", 8, "seed", 3L, "device", "cpu").get();
			// test
			assertFalse(ft.getCancelReason(), ft.isCanceled());
			assertTrue(Files.exists(out.toPath().resolve("model.json")));
		}
	}
}
