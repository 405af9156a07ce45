package org.transvw.data.io;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

public class NiftiFormatTest {

	/** float32 affine entries survive to ~1e-7 relative; the quaternion path to ~1e-6. */
	private static final double GEOMETRY_TOLERANCE = 1e-5;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void roundTripKeepsValuesSpacingAndAffine() throws IOException {
		// setup: a rotated and flipped 3D volume, float HU values
		final ArrayImg<FloatType, ?> img = ArrayImgs.floats(7, 5, 3);
		int i = 0;
		for (final FloatType t : img)
			t.set(-1000 + 37.5f * i++);
		final double c = Math.cos(0.3), s = Math.sin(0.3);
		final double[] dir = { c, -s, 0, s, c, 0, 0, 0, -1 }; // rotation about z, z flipped
		final Volume v = new Volume(img, new double[] { 0.7, 0.8, 2.5 }, new double[] { -10, 20.5,
			33 }, dir, Modality.CT, IntensityMap.raw());
		for (final String name : new String[] { "a.nii", "a.nii.gz" }) {
			// process
			final Path p = tmp.getRoot().toPath().resolve(name);
			VolumeIO.write(v, p);
			final Volume r = VolumeIO.read(p);
			// test
			assertArrayEquals(v.dimensions(), r.dimensions());
			assertArrayEquals(v.spacing(), r.spacing(), GEOMETRY_TOLERANCE);
			assertArrayEquals(v.origin(), r.origin(), GEOMETRY_TOLERANCE);
			assertArrayEquals(v.direction(), r.direction(), GEOMETRY_TOLERANCE);
			assertEquals(Modality.CT, r.modality());
			assertTrue(r.pixels().getType() instanceof FloatType);
			assertEquals(values(v.pixels()), values(r.pixels()));
		}
	}

	@Test
	public void qformAloneGivesTheSameAffineAsSform() throws IOException {
		// setup: write, then clear sform_code so the reader must use the quaternion
		final double c = Math.cos(1.1), s = Math.sin(1.1);
		final Volume v = new Volume(ArrayImgs.shorts(4, 4, 4), new double[] { 1.5, 1, 3 },
			new double[] { 1, 2, 3 }, new double[] { 1, 0, 0, 0, c, -s, 0, s, c }, Modality.MR,
			IntensityMap.raw());
		final Path p = tmp.getRoot().toPath().resolve("q.nii");
		VolumeIO.write(v, p);
		final byte[] b = Files.readAllBytes(p);
		ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(254, (short) 0);
		Files.write(p, b);
		// process
		final Volume r = VolumeIO.read(p);
		// test
		assertEquals(0, NiftiFormat.header(p).sformCode());
		assertArrayEquals(v.affine(), r.affine(), GEOMETRY_TOLERANCE);
	}

	@Test
	public void everyDatatypeAnd2dRoundTrips() throws IOException {
		final RandomAccessibleInterval<?>[] imgs = { ArrayImgs.unsignedBytes(new byte[] { 0, 1,
			(byte) 255, 7, 8, 9 }, 3, 2), ArrayImgs.shorts(new short[] { -1024, 0, 3071, 5, 6, 7 },
				3, 2), ArrayImgs.unsignedShorts(new short[] { 0, (short) 65535, 2, 3, 4, 5 }, 3, 2),
			ArrayImgs.ints(new int[] { Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 1, 2, 3 }, 3, 2),
			ArrayImgs.doubles(new double[] { 0.1, -1e300, 3, 4, 5, 6 }, 3, 2) };
		final Class<?>[] types = { UnsignedByteType.class, ShortType.class, UnsignedShortType.class,
			IntType.class, DoubleType.class };
		for (int k = 0; k < imgs.length; k++) {
			@SuppressWarnings("unchecked")
			final Volume v = Volume.of((RandomAccessibleInterval<? extends RealType<?>>) imgs[k],
				new double[] { 0.5, 2 }, Modality.OTHER);
			final Path p = tmp.getRoot().toPath().resolve("t" + k + ".nii");
			VolumeIO.write(v, p);
			final Volume r = VolumeIO.read(p);
			assertEquals(2, r.numDimensions());
			assertEquals(types[k], r.pixels().getType().getClass());
			assertEquals(values(v.pixels()), values(r.pixels()));
			assertArrayEquals(new double[] { 0.5, 2 }, r.spacing(), 0);
		}
	}

	@Test
	public void bigEndianWithScalingIsAppliedAndRecorded() throws IOException {
		// setup: a hand-made big-endian int16 file, slope 2, intercept -1024, qform/sform 0
		final short[] raw = { 0, 1, 2, 1000, -5, 7, 8, 9 };
		final Path p = tmp.getRoot().toPath().resolve("be.nii.gz");
		final NiftiHeader h = new NiftiHeader(ByteOrder.BIG_ENDIAN, new short[] { 3, 2, 2, 2, 1, 1,
			1, 1 }, NiftiHeader.DT_INT16, (short) 16, new float[] { 1, 0.9f, 0.9f, 4, 1, 1, 1, 1 },
			352, 2, -1024, (short) 0, (short) 0, new float[3], new float[3], new float[3][4], "");
		final ByteBuffer data = ByteBuffer.allocate(raw.length * 2).order(ByteOrder.BIG_ENDIAN);
		for (final short r : raw)
			data.putShort(r);
		try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
			out.write(h.encode());
			out.write(data.array());
		}
		// process
		final Volume v = VolumeIO.read(p);
		// test
		final NiftiHeader read = NiftiFormat.header(p);
		assertEquals(ByteOrder.BIG_ENDIAN, read.order());
		assertEquals(2f, read.sclSlope(), 0);
		assertEquals(-1024f, read.sclInter(), 0);
		assertTrue(v.pixels().getType() instanceof FloatType);
		final double[] expected = new double[raw.length];
		for (int i = 0; i < raw.length; i++)
			expected[i] = raw[i] * 2.0 - 1024;
		assertEquals(Arrays.toString(expected), values(v.pixels()).toString());
		assertArrayEquals(new double[] { 0.9, 0.9, 4 }, v.spacing(), 1e-6);
	}

	@Test
	public void slopeZeroMeansNoScaling() throws IOException {
		final Path p = tmp.getRoot().toPath().resolve("z.nii");
		VolumeIO.write(Volume.of(ArrayImgs.shorts(new short[] { 3, 4 }, 2, 1), new double[] { 1, 1 },
			Modality.OTHER), p);
		final byte[] b = Files.readAllBytes(p);
		ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(112, 0).putFloat(116, 50);
		Files.write(p, b);
		final Volume v = VolumeIO.read(p);
		assertTrue(v.pixels().getType() instanceof ShortType);
		assertEquals("[3.0, 4.0]", values(v.pixels()).toString());
	}

	static java.util.List<Double> values(final RandomAccessibleInterval<? extends RealType<?>> img) {
		final java.util.List<Double> l = new java.util.ArrayList<>();
		for (final RealType<?> t : Views.flatIterable(img))
			l.add(t.getRealDouble());
		return l;
	}

	static void assertFails(final Path p, final String... fragments) {
		try {
			VolumeIO.read(p);
			fail("expected an IOException for " + p);
		}
		catch (final IOException e) {
			for (final String f : fragments)
				assertTrue("message '" + e.getMessage() + "' lacks '" + f + "'", e.getMessage()
					.contains(f));
		}
	}
}
