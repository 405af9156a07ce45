package org.transvw.finetuning;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.Test;
import org.transvw.common.RandomStreams;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Patch sampling with foreground oversampling, sparse labels, and augmentation. */
public class PatchSamplerTest {

	/** image value = linear index, so crops can be checked voxel by voxel */
	private static Img<FloatType> ramp(final long... dims) {
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(c.getIntPosition(0) + 100 * c.getIntPosition(1) + 10000 * c.getIntPosition(
				2));
		}
		return img;
	}

	private static LabelledCase caseWithOneLesion() {
		final Img<UnsignedByteType> lab = ArrayImgs.unsignedBytes(64, 64, 32);
		// one foreground voxel at (50, 10, 25); an unlabelled slab at z = 0 (255 must not count)
		final net.imglib2.RandomAccess<UnsignedByteType> ra = lab.randomAccess();
		ra.setPosition(new long[] { 50, 10, 25 });
		ra.get().set(1);
		LoopBuilder.setImages(Views.hyperSlice(lab, 2, 0)).forEachPixel(v -> v.set(
			SparseLabels.UNLABELLED));
		return new LabelledCase("a", ramp(64, 64, 32), lab);
	}

	@Test
	public void foregroundPatchesContainTheLesion() {
		final PatchSampler s = new PatchSampler(List.of(caseWithOneLesion()), new int[] { 16, 16,
			8 }, 1.0);
		assertEquals(1, s.foregroundCount(0));
		final RandomStreams rng = RandomStreams.seeded(3);
		for (int i = 0; i < 20; i++) {
			final PatchSampler.Patch p = s.draw(rng);
			assertArrayEquals(new long[] { 42, 2, 21 }, p.origin());
		}
	}

	@Test
	public void uniformPatchesStayInsideAndCropsMatchTheImage() {
		final PatchSampler s = new PatchSampler(List.of(caseWithOneLesion()), new int[] { 16, 16,
			8 }, 0.0);
		final RandomStreams rng = RandomStreams.seeded(4);
		final List<Long> xs = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			final long[] o = s.draw(rng).origin();
			assertTrue(o[0] >= 0 && o[0] <= 48 && o[1] >= 0 && o[1] <= 48 && o[2] >= 0 && o[2] <= 24);
			xs.add(o[0]);
		}
		assertTrue("spread over the image", Collections.max(xs) - Collections.min(xs) > 30);
		final PatchSampler.Sample c = s.crop(new PatchSampler.Patch(0, new long[] { 42, 2, 21 }));
		final net.imglib2.RandomAccess<FloatType> im = c.image().randomAccess();
		final net.imglib2.RandomAccess<FloatType> lb = c.labels().randomAccess();
		im.setPosition(new long[] { 8, 8, 4 });
		lb.setPosition(new long[] { 8, 8, 4 });
		assertEquals(50 + 100 * 10 + 10000 * 25, im.get().get(), 0);
		assertEquals(1, lb.get().get(), 0);
	}

	@Test
	public void smallImagesArePaddedCentred() {
		final LabelledCase small = new LabelledCase("s", ramp(8, 8, 4), ArrayImgs.unsignedBytes(8,
			8, 4));
		final PatchSampler s = new PatchSampler(List.of(small), new int[] { 16, 16, 8 }, 0.5);
		assertArrayEquals(new long[] { -4, -4, -2 }, s.draw(RandomStreams.seeded(1)).origin());
		final PatchSampler.Sample c = s.crop(s.draw(RandomStreams.seeded(1)));
		final net.imglib2.RandomAccess<FloatType> im = c.image().randomAccess();
		im.setPosition(new long[] { 4, 4, 2 });
		assertEquals(0, im.get().get(), 0);
		// mirror padding: one voxel outside equals the border voxel (mirror-double)
		im.setPosition(new long[] { 3, 4, 2 });
		assertEquals(0, im.get().get(), 0);
	}

	@Test
	public void augmentationMovesImageAndLabelsTogether() {
		// labels = image, so any misalignment shows up as a difference
		final Img<FloatType> img = ramp(16, 16, 8);
		final Img<FloatType> lab = ramp(16, 16, 8);
		final Augmentation a = new Augmentation(true, true, 0, 0, 0);
		final RandomStreams rng = RandomStreams.seeded(9);
		boolean changed = false;
		for (int i = 0; i < 10; i++) {
			final PatchSampler.Sample out = a.apply(new PatchSampler.Sample(img, lab), rng);
			LoopBuilder.setImages(out.image(), out.labels()).forEachPixel((x, y) -> assertEquals(x
				.get(), y.get(), 0));
			final double[] sum = { 0, 0 };
			LoopBuilder.setImages(out.image(), img).forEachPixel((x, y) -> {
				sum[0] += x.get();
				sum[1] += Math.abs(x.get() - y.get());
			});
			assertEquals("a permutation keeps the sum", sumOf(img), sum[0], 1e-3);
			changed |= sum[1] > 0;
		}
		assertTrue("some draws transform the patch", changed);
	}

	@Test
	public void noiseTouchesTheImageOnly() {
		final Img<FloatType> img = ArrayImgs.floats(8, 8, 8);
		final Img<FloatType> lab = ArrayImgs.floats(8, 8, 8);
		final PatchSampler.Sample out = new Augmentation(false, false, 1, 0.1, 0).apply(
			new PatchSampler.Sample(img, lab), RandomStreams.seeded(2));
		assertTrue(sumAbs(out.image()) > 0);
		assertEquals(0, sumAbs(out.labels()), 0);
		assertEquals(0, sumAbs(img), 0);
	}

	private static double sumOf(final Img<FloatType> img) {
		double s = 0;
		for (final FloatType t : img)
			s += t.get();
		return s;
	}

	private static double sumAbs(final Img<FloatType> img) {
		double s = 0;
		for (final FloatType t : img)
			s += Math.abs(t.get());
		return s;
	}

	@Test
	public void elasticWarpsTheImageAndKeepsLabelValues() {
		// labels: a slab of 1 with an unlabelled (255) corner; the image is the same slab
		final Img<FloatType> img = ArrayImgs.floats(24, 24, 4);
		final Img<FloatType> lab = ArrayImgs.floats(24, 24, 4);
		final Cursor<FloatType> ci = img.localizingCursor(), cl = lab.cursor();
		while (ci.hasNext()) {
			ci.fwd();
			cl.fwd();
			final boolean in = ci.getIntPosition(0) >= 8 && ci.getIntPosition(0) < 16;
			ci.get().set(in ? 1 : 0);
			cl.get().set(ci.getIntPosition(1) < 3 ? SparseLabels.UNLABELLED : in ? 1 : 0);
		}
		final PatchSampler.Sample out = new Augmentation(false, false, 0, 0, 1).apply(
			new PatchSampler.Sample(img, lab), RandomStreams.seeded(4));
		double moved = 0;
		final Cursor<FloatType> oi = out.image().cursor(), ol = out.labels().cursor(), ii = img
			.cursor();
		while (oi.hasNext()) {
			final float l = ol.next().get();
			assertTrue("label value " + l, l == 0 || l == 1 || l == SparseLabels.UNLABELLED);
			moved += Math.abs(oi.next().get() - ii.next().get());
		}
		assertTrue("the image is deformed", moved > 1);
	}

	@Test
	public void nearestWarpWithZeroFieldIsTheIdentity() {
		final float[] v = { 1, 2, 3, 4, 5, 6 };
		final org.transvw.perturbation.FloatCube c = org.transvw.perturbation.FloatCube.wrap(v, 3,
			2, 1);
		assertArrayEquals(v, Augmentation.nearest(c, new float[6], new float[6]).data(), 0);
		// a constant shift of +1 along x with the reflecting border: (2, 3, 3), (5, 6, 6)
		final float[] one = { 1, 1, 1, 1, 1, 1 };
		assertArrayEquals(new float[] { 2, 3, 3, 5, 6, 6 }, Augmentation.nearest(c, one,
			new float[6]).data(), 0);
	}

	@Test
	public void sparseLabelConvention() {
		assertTrue(SparseLabels.isLabelled(0));
		assertTrue(SparseLabels.isLabelled(1));
		assertTrue(!SparseLabels.isLabelled(255));
		assertTrue(!SparseLabels.isLabelled(-1));
	}
}
