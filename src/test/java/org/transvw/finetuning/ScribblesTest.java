package org.transvw.finetuning;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

/** Scribbles and Labkit label images -> sparse labels (255 = unlabelled), engine-free. */
public class ScribblesTest {

	private static int at(final Img<UnsignedByteType> img, final int x, final int y, final int z) {
		final RandomAccess<UnsignedByteType> ra = img.randomAccess();
		return ra.setPositionAndGet(x, y, z).get();
	}

	private static long count(final Img<UnsignedByteType> img, final int value) {
		long n = 0;
		for (final UnsignedByteType t : img)
			if (t.get() == value) n++;
		return n;
	}

	@Test
	public void strokesLabelTheirSliceAndLeaveTheRestUnlabelled() {
		// setup: class 1 on slice 2, class 0 on slice 0, one pixel outside the image
		final Scribbles.Stroke fg = new Scribbles.Stroke(1, 2, new int[] { 3, 4, 5 }, new int[] { 1,
			1, 1 }, "fg");
		final Scribbles.Stroke bg = new Scribbles.Stroke(0, 0, new int[] { 0, 9, 10 }, new int[] { 0,
			5, 5 }, "bg");
		// process
		final Scribbles.Result r = Scribbles.rasterise(new long[] { 10, 6, 4 }, List.of(fg, bg));
		// test
		assertArrayEquals(new long[] { 10, 6, 4 }, r.labels().dimensionsAsLongArray());
		assertEquals(1, at(r.labels(), 4, 1, 2));
		assertEquals("same x, y on another slice", SparseLabels.UNLABELLED, at(r.labels(), 4, 1, 1));
		assertEquals(0, at(r.labels(), 9, 5, 0));
		assertArrayEquals(new long[] { 2, 3 }, r.voxelsPerClass());
		assertEquals(10 * 6 * 4 - 5, count(r.labels(), SparseLabels.UNLABELLED));
		assertEquals(0, r.conflicts());
		assertTrue(r.summary(), r.summary().contains("class 1: 3 voxels"));
	}

	@Test
	public void conflictingClassesLeaveTheVoxelUnlabelled() {
		final Scribbles.Result r = Scribbles.rasterise(new long[] { 4, 4, 1 }, List.of(
			new Scribbles.Stroke(1, 0, new int[] { 1, 2 }, new int[] { 1, 1 }, "a"),
			new Scribbles.Stroke(2, 0, new int[] { 2, 3 }, new int[] { 1, 1 }, "b"),
			new Scribbles.Stroke(1, 0, new int[] { 1 }, new int[] { 1 }, "a again")));
		assertEquals(1, r.conflicts());
		assertEquals(SparseLabels.UNLABELLED, at(r.labels(), 2, 1, 0));
		assertEquals(1, at(r.labels(), 1, 1, 0));
		assertEquals(2, at(r.labels(), 3, 1, 0));
	}

	@Test
	public void aStrokeOffTheStackIsRefused() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Scribbles.rasterise(new long[] { 4, 4, 2 }, List.of(new Scribbles.Stroke(0, 2,
				new int[] { 0 }, new int[] { 0 }, "ROI 7 'background'"))));
		assertTrue(e.getMessage(), e.getMessage().startsWith("slice of ROI 7 'background'"));
	}

	@Test
	public void namesFollowTheRule() {
		assertEquals(OptionalInt.of(0), ScribbleClasses.classOf("Background"));
		assertEquals(OptionalInt.of(0), ScribbleClasses.classOf("bg-3"));
		assertEquals(OptionalInt.of(1), ScribbleClasses.classOf("foreground-1"));
		assertEquals(OptionalInt.of(3), ScribbleClasses.classOf("class 3"));
		assertEquals(OptionalInt.of(3), ScribbleClasses.classOf("class_3-2"));
		assertEquals(OptionalInt.of(12), ScribbleClasses.classOf("label12"));
		assertEquals(OptionalInt.of(2), ScribbleClasses.classOf("2"));
		for (final String no : new String[] { "0012-0034-0056", "nucleus", "class 255", "bgx", "",
			null })
			assertTrue(no, ScribbleClasses.classOf(no).isEmpty());
	}

	@Test
	public void labkitWithoutLabelSetsShiftsByOne() {
		// setup: 0 = no label, 1 = Labkit's first label (background), 2 = its second
		final Img<UnsignedShortType> idx = ArrayImgs.unsignedShorts(new short[] { 0, 1, 2, 2, 0, 1 },
			3, 2, 1);
		// process
		final Scribbles.Result r = LabkitLabels.toSparse(idx, null);
		// test
		final int[] v = new int[6];
		int i = 0;
		for (final UnsignedByteType t : Views.flatIterable(r.labels()))
			v[i++] = t.get();
		assertArrayEquals(new int[] { 255, 0, 1, 1, 255, 0 }, v);
		assertArrayEquals(new long[] { 2, 2 }, r.voxelsPerClass());
	}

	@Test
	public void labkitLabelSetsAreMappedByName() {
		// Labkit numbers label sets in order of first use: here foreground came first
		final Img<UnsignedShortType> idx = ArrayImgs.unsignedShorts(new short[] { 0, 1, 2, 3 }, 4, 1,
			1);
		final List<Set<String>> sets = List.of(Set.of(), Set.of("foreground"), Set.of("background"),
			Set.of("background", "foreground"));
		final Scribbles.Result r = LabkitLabels.toSparse(idx, sets);
		final int[] v = new int[4];
		int i = 0;
		for (final UnsignedByteType t : Views.flatIterable(r.labels()))
			v[i++] = t.get();
		assertArrayEquals(new int[] { 255, 1, 0, 255 }, v);
		assertEquals(1, r.conflicts());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> LabkitLabels.toSparse(idx, List.of(Set.of(), Set.of("nucleus"), Set.of("a"), Set.of(
				"b"))));
		assertTrue(e.getMessage(), e.getMessage().contains("'nucleus'"));
		assertThrows(IllegalArgumentException.class, () -> LabkitLabels.toSparse(idx, List.of(Set
			.of(), Set.of("background"))));
	}
}
