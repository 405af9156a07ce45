package org.transvw.imagej;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.finetuning.Scribbles;
import org.transvw.finetuning.SparseLabels;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * ImageJ ROIs -> sparse labels: areas filled, strokes with their width, points, slice positions,
 * classes by name or group, ROI files, and the refusals (no class, no slice).
 */
public class RoiScribblesTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static ImagePlus stack() {
		return IJ.createImage("case_003.nii.gz", "16-bit black", 48, 32, 5);
	}

	private static <R extends Roi> R named(final R r, final String name, final int slice) {
		r.setName(name);
		r.setPosition(slice);
		return r;
	}

	private static int at(final Img<UnsignedByteType> img, final int x, final int y, final int z) {
		final RandomAccess<UnsignedByteType> ra = img.randomAccess();
		return ra.setPositionAndGet(x, y, z).get();
	}

	private static Scribbles.Result labels(final ImagePlus imp, final Roi... rois) {
		return Scribbles.rasterise(RoiScribbles.size(imp), RoiScribbles.strokes(rois, imp));
	}

	@Test
	public void areasAreFilledOnTheirSlice() {
		final ImagePlus imp = stack();
		final Scribbles.Result r = labels(imp, named(new Roi(2, 3, 4, 5), "foreground", 2), named(
			new OvalRoi(20, 10, 11, 11), "background", 4));
		assertEquals(1, at(r.labels(), 2, 3, 1));
		assertEquals(1, at(r.labels(), 5, 7, 1));
		assertEquals("outside the rectangle", SparseLabels.UNLABELLED, at(r.labels(), 6, 7, 1));
		assertEquals("another slice", SparseLabels.UNLABELLED, at(r.labels(), 3, 4, 0));
		assertEquals(20, r.voxelsPerClass()[1]);
		assertEquals(0, at(r.labels(), 25, 15, 3));
		assertEquals("oval corner", SparseLabels.UNLABELLED, at(r.labels(), 20, 10, 3));
		final long oval = r.voxelsPerClass()[0];
		assertTrue("oval area ~ pi 5.5^2 = 95: " + oval, oval > 85 && oval < 105);
	}

	@Test
	public void strokesCoverTheirWidth() {
		final ImagePlus imp = stack();
		final Line thin = named(new Line(10, 10, 30, 10), "class 1", 1);
		final Line thick = named(new Line(10, 20, 30, 20), "class 2", 1);
		thick.setStrokeWidth(5);
		final PolygonRoi free = named(new PolygonRoi(new float[] { 5, 20, 40 }, new float[] { 5, 28,
			5 }, Roi.FREELINE), "class 3", 3);
		final Scribbles.Result r = labels(imp, thin, thick, free);
		assertEquals(1, at(r.labels(), 20, 10, 0));
		assertEquals(SparseLabels.UNLABELLED, at(r.labels(), 20, 11, 0));
		for (int y = 18; y <= 22; y++)
			assertEquals("thick stroke at y " + y, 2, at(r.labels(), 20, y, 0));
		assertEquals(SparseLabels.UNLABELLED, at(r.labels(), 20, 23, 0));
		assertTrue(r.voxelsPerClass()[2] >= 4 * r.voxelsPerClass()[1]);
		assertTrue("freehand stroke on slice 3", r.voxelsPerClass()[3] > 30 && at(r.labels(), 5, 5,
			2) == 3);
	}

	@Test
	public void groupsGiveClassesAndPointsTheirOwnSlices() {
		final ImagePlus imp = stack();
		final Roi g = named(new Roi(0, 0, 2, 2), "0002-0001-0001", 2);
		g.setGroup(3);
		final PointRoi p = new PointRoi(7, 8);
		p.addPoint(9, 9);
		p.setName("fg");
		p.setPosition(5);
		final Scribbles.Result r = labels(imp, g, p);
		assertEquals("group 3 = class 2", 2, at(r.labels(), 1, 1, 1));
		assertEquals(1, at(r.labels(), 7, 8, 4));
		assertEquals(1, at(r.labels(), 9, 9, 4));
		assertEquals(2, r.voxelsPerClass()[1]);
	}

	@Test
	public void roisWithoutClassOrSliceAreRefusedByName() {
		final ImagePlus imp = stack();
		final IllegalArgumentException noClass = assertThrows(IllegalArgumentException.class,
			() -> RoiScribbles.strokes(new Roi[] { named(new Roi(0, 0, 2, 2), "nucleus", 1) }, imp));
		assertTrue(noClass.getMessage(), noClass.getMessage().startsWith("ROI 1 'nucleus': no class"));
		final Roi everywhere = new Roi(0, 0, 2, 2);
		everywhere.setName("background");
		final IllegalArgumentException noSlice = assertThrows(IllegalArgumentException.class,
			() -> RoiScribbles.strokes(new Roi[] { everywhere }, imp));
		assertTrue(noSlice.getMessage(), noSlice.getMessage().contains("no slice position"));
		// a single image needs no position
		final ImagePlus single = IJ.createImage("one", "8-bit black", 8, 8, 1);
		assertEquals(4, labels(single, everywhere).voxelsPerClass()[0]);
	}

	@Test
	public void roiZipAndOverlayAreSources() throws IOException {
		// setup: a zip as the ROI Manager saves it
		final Path zip = tmp.getRoot().toPath().resolve("RoiSet.zip");
		try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(
			os))
		{
			for (final Roi r : new Roi[] { named(new Roi(1, 1, 3, 3), "foreground", 2), named(
				new OvalRoi(10, 10, 6, 6), "background-1", 3) })
			{
				z.putNextEntry(new ZipEntry(r.getName() + ".roi"));
				z.write(RoiEncoder.saveAsByteArray(r));
				z.closeEntry();
			}
		}
		final ImagePlus imp = stack();
		// process
		final Scribbles.Result fromZip = RoiScribbles.read(imp, "auto", zip);
		imp.setOverlay(new Overlay(named(new Roi(4, 4, 2, 2), "class 1", 5)));
		final Scribbles.Result fromOverlay = RoiScribbles.read(imp, "auto", null);
		// test
		assertEquals(9, fromZip.voxelsPerClass()[1]);
		assertEquals(1, at(fromZip.labels(), 2, 2, 1));
		assertEquals(0, at(fromZip.labels(), 13, 13, 2));
		assertEquals(1, at(fromOverlay.labels(), 5, 5, 4));
		assertThrows(IllegalArgumentException.class, () -> RoiScribbles.read(imp, "file", null));
		final ImagePlus hyper = IJ.createImage("h", "8-bit black", 8, 8, 2, 3, 1);
		assertThrows(IllegalArgumentException.class, () -> RoiScribbles.strokes(new Roi[0], hyper));
	}
}
