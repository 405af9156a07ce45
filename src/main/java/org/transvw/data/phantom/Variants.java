package org.transvw.data.phantom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.data.FloatImages;
import org.transvw.data.IntensityMap;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;
import org.transvw.data.geometry.Resampling;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.io.VolumeIO;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Seeded, physically plausible variants of one real 3D scan and its label map ({@link
 * VariantConfig}): the way docs/real-data.md builds unlabelled, labelled and held-out collections
 * from a single labelled subject. Variant {@code i} of seed {@code s} depends on nothing else, so
 * every collection is reproducible from its seed and any index range.
 * <p>
 * The output grid covers the source's physical box at the variant's spacing ({@link
 * Resampling#grid}, same origin convention and direction); each output voxel centre {@code p}
 * (mm, source index frame) is mapped back to {@code q = c + A (p - c) + t + u(p)} (c the box
 * centre, A rotation times scale, t the shift, u the B-spline displacement) and the source is
 * sampled there, trilinearly for the image, nearest-neighbour for the labels, 0 outside.
 */
public final class Variants {

	/** Output layout, as the phantom collections. */
	public static final String IMAGES = "images", LABELS = "labels", CSV = "variants.csv";

	public static final String CSV_HEADER = "case,seed,index,source,spacing_x,spacing_y,spacing_z," +
		"dim_x,dim_y,dim_z,label_voxels,settings";

	public static final int MAX_COUNT = 10_000;

	/** The label value fine-tuning ignores (finetuning.SparseLabels), written on unlabelled slices. */
	public static final int UNLABELLED = 255;

	private Variants() {}

	/** One variant: the image (float, the source's modality) and its labels (uint8) or null. */
	public record Variant(Volume image, Volume labels) {}

	public static String name(final int index) {
		return String.format(Locale.ROOT, "variant_%03d", index);
	}

	/** The paths {@link #write} writes for {@code count} variants. */
	public static List<String> files(final int first, final int count, final boolean labels) {
		Checks.inRange(count, 1, MAX_COUNT, "count");
		final List<String> names = new ArrayList<>();
		for (int i = first; i < first + count; i++) {
			names.add(IMAGES + "/" + name(i) + ".nii.gz");
			if (labels) names.add(LABELS + "/" + name(i) + ".nii.gz");
		}
		names.add(CSV);
		return names;
	}

	/**
	 * Variant {@code index} of {@code source} (3D) and {@code labels} (its grid, or null).
	 *
	 * @throws IllegalArgumentException naming {@code image} / {@code labels}
	 */
	public static Variant generate(final Volume source, final Volume labels,
		final VariantConfig config, final long seed, final int index)
	{
		Checks.notNull(source, "image");
		Checks.require(source.numDimensions() == 3, "image", "a 3D scan, got " + source
			.numDimensions() + "D");
		if (labels != null) Checks.require(Grid.of(labels).matches(Grid.of(source)), "labels",
			"a label map on the image's grid " + Grid.of(source).describe() + ", got " + Grid.of(
				labels).describe());
		final RandomStreams rng = RandomStreams.seeded(seed).fork(index);
		final double[] target = config.spacings().get(index % config.spacings().size());
		final Grid in = Grid.of(source);
		final Grid out = Resampling.grid(in, target);
		final int[] sd = toInts(in.dims()), od = toInts(out.dims());
		final double[] ss = in.spacing(), os = out.spacing();
		final double[] centre = new double[3], extent = new double[3];
		for (int d = 0; d < 3; d++) {
			extent[d] = sd[d] * ss[d];
			centre[d] = extent[d] / 2 - ss[d] / 2;
		}
		final double[] a = affine(rng.fork("affine"), config);
		final double[] t = new double[3];
		final RandomStreams shifts = rng.fork("shift");
		for (int d = 0; d < 3; d++)
			t[d] = (2 * shifts.nextDouble() - 1) * config.shift();
		final Field[] u = new Field[3];
		final RandomStreams elastic = rng.fork("elastic");
		for (int d = 0; d < 3; d++)
			u[d] = Field.random(elastic.fork(d), extent, config.controlSpacing(), config.elastic());
		final Field bias = Field.random(rng.fork("bias"), extent, VariantConfig.BIAS_CONTROL_MM,
			config.bias());
		final float[] src = FloatImages.copy(source.floats()).update(null).getCurrentStorageArray();
		final byte[] lab = labels == null ? null : bytes(labels);
		final double noiseSd = config.noise();
		final RandomStreams noise = rng.fork("noise");
		final float[] img = new float[od[0] * od[1] * od[2]];
		final byte[] outLab = lab == null ? null : new byte[img.length];
		final double[] p = new double[3], q = new double[3];
		int o = 0;
		for (int z = 0; z < od[2]; z++) {
			final boolean labelled = config.labelledEvery() == 1 || z % config.labelledEvery() == 0;
			for (int y = 0; y < od[1]; y++)
				for (int x = 0; x < od[0]; x++, o++) {
					p[0] = (x + 0.5) * os[0] - ss[0] / 2;
					p[1] = (y + 0.5) * os[1] - ss[1] / 2;
					p[2] = (z + 0.5) * os[2] - ss[2] / 2;
					for (int r = 0; r < 3; r++) {
						double v = centre[r] + t[r] + u[r].at(p);
						for (int c = 0; c < 3; c++)
							v += a[r * 3 + c] * (p[c] - centre[c]);
						q[r] = v / ss[r];
					}
					final double value = trilinear(src, sd, q) * Math.exp(bias.at(p)) + (noiseSd > 0
						? noiseSd * noise.nextGaussian() : 0);
					img[o] = (float) value;
					if (outLab != null) outLab[o] = labelled ? nearest(lab, sd, q)
						: (byte) UNLABELLED;
				}
		}
		final Volume image = out.on(ArrayImgs.floats(img, out.dims()), source.modality(),
			IntensityMap.raw());
		final Volume l = outLab == null ? null : out.on(ArrayImgs.unsignedBytes(outLab, out
			.dims()), source.modality(), IntensityMap.raw());
		return new Variant(image, l);
	}

	/**
	 * Writes variants {@code first .. first+count-1} into {@code out}: images/ (float32 NIfTI),
	 * labels/ when {@code labels} is given, and variants.csv (one row per variant with its seed,
	 * index, spacing and settings).
	 */
	public static void write(final Volume source, final Volume labels, final String sourceName,
		final VariantConfig config, final long seed, final int first, final int count,
		final OutputFolder out, final Progress progress, final Cancellation cancel)
		throws IOException
	{
		Checks.require(first >= 0, "first", "an index >= 0, got " + first);
		final Set<String> written = new HashSet<>(files(first, count, labels != null));
		out.delete(CSV);
		final StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
		for (int i = first; i < first + count; i++) {
			cancel.check();
			progress.report((double) (i - first) / count, "variant " + (i - first + 1) + "/" + count);
			final Variant v = generate(source, labels, config, seed, i);
			VolumeIO.write(v.image(), out.claim(IMAGES + "/" + name(i) + ".nii.gz"));
			long voxels = 0;
			if (v.labels() != null) {
				VolumeIO.write(v.labels(), out.claim(LABELS + "/" + name(i) + ".nii.gz"));
				for (final UnsignedByteType b : Views.iterable(asBytes(v.labels())))
					if (b.get() > 0 && b.get() != UNLABELLED)
						voxels++;
			}
			final double[] s = v.image().spacing();
			final long[] d = v.image().dimensions();
			csv.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s,%d,%d,%d,%d,\"%s\"%n",
				name(i), seed, i, sourceName, s[0], s[1], s[2], d[0], d[1], d[2], voxels, config
					.describe()));
		}
		out.removeStale(IMAGES, written);
		if (labels != null) out.removeStale(LABELS, written);
		out.writeString(CSV, csv.toString());
		progress.report(1, "variants: " + count + " written to " + out.dir());
	}

	/** Writes into a folder path (created when missing). */
	public static void write(final Volume source, final Volume labels, final String sourceName,
		final VariantConfig config, final long seed, final int first, final int count,
		final Path folder, final Progress progress, final Cancellation cancel) throws IOException
	{
		write(source, labels, sourceName, config, seed, first, count, OutputFolder.at(folder),
			progress, cancel);
	}

	@SuppressWarnings("unchecked")
	private static net.imglib2.RandomAccessibleInterval<UnsignedByteType> asBytes(final Volume v) {
		return (net.imglib2.RandomAccessibleInterval<UnsignedByteType>) v.pixels();
	}

	/** Rotation (x, then y, then z) times per-axis scale, row-major. */
	static double[] affine(final RandomStreams rng, final VariantConfig c) {
		final double[] ang = new double[3], sc = new double[3];
		for (int d = 0; d < 3; d++)
			ang[d] = Math.toRadians((2 * rng.nextDouble() - 1) * c.rotation());
		for (int d = 0; d < 3; d++)
			sc[d] = 1 + (2 * rng.nextDouble() - 1) * c.scale();
		final double cx = Math.cos(ang[0]), sx = Math.sin(ang[0]), cy = Math.cos(ang[1]), sy = Math
			.sin(ang[1]), cz = Math.cos(ang[2]), sz = Math.sin(ang[2]);
		final double[] rx = { 1, 0, 0, 0, cx, -sx, 0, sx, cx };
		final double[] ry = { cy, 0, sy, 0, 1, 0, -sy, 0, cy };
		final double[] rz = { cz, -sz, 0, sz, cz, 0, 0, 0, 1 };
		final double[] r = mul(rz, mul(ry, rx));
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				r[i * 3 + j] *= sc[j];
		return r;
	}

	private static double[] mul(final double[] a, final double[] b) {
		final double[] c = new double[9];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				for (int k = 0; k < 3; k++)
					c[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
		return c;
	}

	private static double trilinear(final float[] v, final int[] d, final double[] q) {
		final int x0 = (int) Math.floor(q[0]), y0 = (int) Math.floor(q[1]), z0 = (int) Math.floor(
			q[2]);
		final double fx = q[0] - x0, fy = q[1] - y0, fz = q[2] - z0;
		double s = 0;
		for (int k = 0; k < 2; k++)
			for (int j = 0; j < 2; j++)
				for (int i = 0; i < 2; i++) {
					final int x = x0 + i, y = y0 + j, z = z0 + k;
					if (x < 0 || y < 0 || z < 0 || x >= d[0] || y >= d[1] || z >= d[2]) continue;
					final double w = (i == 0 ? 1 - fx : fx) * (j == 0 ? 1 - fy : fy) * (k == 0 ? 1 - fz
						: fz);
					s += w * v[(z * d[1] + y) * d[0] + x];
				}
		return s;
	}

	private static byte nearest(final byte[] v, final int[] d, final double[] q) {
		final int x = (int) Math.round(q[0]), y = (int) Math.round(q[1]), z = (int) Math.round(q[2]);
		if (x < 0 || y < 0 || z < 0 || x >= d[0] || y >= d[1] || z >= d[2]) return 0;
		return v[(z * d[1] + y) * d[0] + x];
	}

	private static byte[] bytes(final Volume labels) {
		final float[] f = FloatImages.copy(labels.floats()).update(null).getCurrentStorageArray();
		final byte[] b = new byte[f.length];
		for (int i = 0; i < f.length; i++) {
			final float v = f[i];
			Checks.require(v >= 0 && v <= 255 && v == Math.rint(v), "labels",
				"integer label values 0..255, got " + v);
			b[i] = (byte) (int) v;
		}
		return b;
	}

	private static int[] toInts(final long[] d) {
		return Arrays.stream(d).mapToInt(Math::toIntExact).toArray();
	}

	/** A smooth random scalar field: uniform cubic B-spline over a control lattice. */
	static final class Field {

		private final double[] coef;
		private final int[] n;
		private final double step;

		private Field(final double[] coef, final int[] n, final double step) {
			this.coef = coef;
			this.n = n;
			this.step = step;
		}

		/** Control points every {@code step} mm over {@code extent} (+3 for the support), N(0, sd). */
		static Field random(final RandomStreams rng, final double[] extent, final double step,
			final double sd)
		{
			final int[] n = new int[3];
			for (int d = 0; d < 3; d++)
				n[d] = (int) Math.ceil(extent[d] / step) + 4;
			final double[] c = new double[n[0] * n[1] * n[2]];
			if (sd > 0) for (int i = 0; i < c.length; i++)
				c[i] = sd * rng.nextGaussian();
			return new Field(c, n, step);
		}

		/** The field at {@code p} (mm from the first voxel centre; lattice starts at -step). */
		double at(final double[] p) {
			final double gx = p[0] / step + 1, gy = p[1] / step + 1, gz = p[2] / step + 1;
			final int ix = (int) Math.floor(gx), iy = (int) Math.floor(gy), iz = (int) Math.floor(gz);
			final double[] wx = weights(gx - ix), wy = weights(gy - iy), wz = weights(gz - iz);
			double s = 0;
			for (int k = 0; k < 4; k++) {
				final int z = clamp(iz - 1 + k, n[2]);
				for (int j = 0; j < 4; j++) {
					final int y = clamp(iy - 1 + j, n[1]);
					final double wyz = wy[j] * wz[k];
					for (int i = 0; i < 4; i++)
						s += wx[i] * wyz * coef[(z * n[1] + y) * n[0] + clamp(ix - 1 + i, n[0])];
				}
			}
			return s;
		}

		private static int clamp(final int i, final int n) {
			return Math.max(0, Math.min(n - 1, i));
		}

		private static double[] weights(final double t) {
			final double t2 = t * t, t3 = t2 * t, u = 1 - t;
			return new double[] { u * u * u / 6, (3 * t3 - 6 * t2 + 4) / 6, (-3 * t3 + 3 * t2 + 3 * t +
				1) / 6, t3 / 6 };
		}
	}
}
