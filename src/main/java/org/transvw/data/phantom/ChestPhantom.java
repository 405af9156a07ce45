package org.transvw.data.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Procedural chest-CT phantom in Hounsfield units, deterministic from (seed, index): body outline
 * with subcutaneous fat, chest wall, ribs, sternum, spine (vertebral bodies, discs, canal, arch),
 * air-filled lungs with branching vessel trees, heart, mediastinal fat, aorta, trachea and main
 * bronchi, liver below the diaphragm, optional lung nodules (solid, ~ +30 HU) with a 0/1 mask,
 * and Gaussian noise. Patients come in {@link PhantomConfig#groups() groups} of look-alikes, so
 * self-discovery's nearest-neighbour step has recurring anatomy to find (method.md §2).
 * <p>
 * Streams: group anatomy from {@code fork("group").fork(group)}, patient jitter from
 * {@code fork("patient").fork(index)}, nodules from {@code fork("lesions")} and noise from
 * {@code fork("noise")} per slice: switching lesions on or off changes nothing else, and the
 * result does not depend on the number of threads.
 *
 * <pre>{@code
 * PhantomCase c = ChestPhantom.generate(PhantomConfig.defaults(), 42, 0);
 * }</pre>
 */
public final class ChestPhantom {

	/** Nodule radius bounds in mm (raised to the voxel size on coarse grids). */
	private static final double LESION_R_MIN = 4, LESION_R_MAX = 12;
	private static final int LESION_TRIALS = 300;
	private static final Tissue[] TISSUES = Tissue.values();

	private ChestPhantom() {}

	/** Generates case {@code index} of the collection defined by {@code config} and {@code seed}. */
	public static PhantomCase generate(final PhantomConfig config, final long seed,
		final int index)
	{
		final Rendered r = render(config, seed, index);
		final float[] hu = new float[r.grid.tissue.length];
		final int plane = r.grid.w * r.grid.h;
		final RandomStreams noise = RandomStreams.seeded(seed).fork("noise").fork(index);
		final List<Integer> slices = new ArrayList<>();
		IntStream.range(0, r.grid.d).forEach(slices::add);
		final double[] table = new double[Tissue.values().length];
		for (final Tissue t : Tissue.values())
			table[t.ordinal()] = r.anatomy.hu(t);
		Parallelization.getTaskExecutor().forEach(slices, k -> {
			final RandomStreams rng = noise.fork(k);
			for (int o = k * plane; o < (k + 1) * plane; o++) {
				final double n = config.noise() == 0 ? 0 : config.noise() * rng.nextGaussian();
				hu[o] = (float) (table[r.grid.tissue[o]] + n);
			}
		});
		final long[] dims = config.dimensions();
		final Volume ct = new Volume(ArrayImgs.floats(hu, dims), config.spacing(), new double[] {
			r.grid.x0, r.grid.y0, r.grid.z0 }, Volume.identity(3), Modality.CT, IntensityMap.raw());
		return new PhantomCase(ct, ArrayImgs.unsignedBytes(r.lesions, dims), config.groupOf(index));
	}

	/** The tissue map of the same case: {@link Tissue#ordinal()} per voxel. */
	public static RandomAccessibleInterval<UnsignedByteType> tissues(final PhantomConfig config,
		final long seed, final int index)
	{
		return ArrayImgs.unsignedBytes(render(config, seed, index).grid.tissue, config
			.dimensions());
	}

	private record Rendered(ChestRenderer grid, ChestAnatomy anatomy, byte[] lesions) {}

	private static Rendered render(final PhantomConfig config, final long seed, final int index) {
		Checks.require(index >= 0, "index", "a case index >= 0, got " + index);
		final RandomStreams root = RandomStreams.seeded(seed);
		final int group = config.groupOf(index);
		final RandomStreams groupRng = root.fork("group").fork(group);
		final ChestAnatomy a = new ChestAnatomy(groupRng.fork("anatomy"), root.fork("patient").fork(
			index), config.jitter());
		final ChestRenderer g = new ChestRenderer(config);
		g.render(a);
		paintVessels(g, a, groupRng.fork("vessels"));
		paintMediastinum(g, a);
		final byte[] lesions = new byte[g.tissue.length];
		if (config.lesions()) paintLesions(g, a, root.fork("lesions").fork(index), config
			.maxLesions(), lesions);
		return new Rendered(g, a, lesions);
	}

	private static void paintVessels(final ChestRenderer g, final ChestAnatomy a,
		final RandomStreams rng)
	{
		final List<Runnable> tubes = new ArrayList<>();
		for (final double side : new double[] { 1, -1 }) {
			final VesselTree tree = new VesselTree(rng.fork(side > 0 ? "right" : "left"));
			for (final VesselTree.Segment s : tree.segments)
				tubes.add(() -> g.tube(a, VesselTree.toAnatomy(a, side, s.p()), VesselTree.toAnatomy(a,
					side, s.q()), s.rp(), s.rq(), Tissue.VESSEL, Tissue.LUNG));
		}
		// NB: parallel painting stays deterministic: every tube writes the same class over LUNG
		// only, so the result is the union of the tubes whatever the order.
		Parallelization.getTaskExecutor().forEach(tubes, Runnable::run);
	}

	private static void paintMediastinum(final ChestRenderer g, final ChestAnatomy a) {
		final double front = a.spineY + a.vertR;
		final double carinaZ = a.diaZ + (a.apexZ - a.diaZ) * VesselTree.HILUM[2] + 15;
		final double archZ = carinaZ + 25;
		final double top = g.z(g.d - 1) + 50;
		final Tissue[] soft = { Tissue.SOFT, Tissue.MEDIASTINAL_FAT, Tissue.LUNG, Tissue.VESSEL,
			Tissue.LIVER };
		// pulmonary arteries: hilum to the heart's upper pole
		final double[] heartTop = { a.heartX * 0.3, a.heartY - 10, a.heartZ + a.heartC * 0.8 };
		for (final double side : new double[] { 1, -1 })
			g.tube(a, VesselTree.toAnatomy(a, side, VesselTree.HILUM), heartTop, 6, 9, Tissue.BLOOD,
				soft);
		// aorta: descending beside the spine, arch, ascending into the heart
		final double[] desc0 = { -22, front + 8, a.diaZ - 40 }, desc1 = { -22, front + 8, archZ };
		final double[] asc1 = { 5, a.heartY - 25, archZ + 8 };
		final double[] asc0 = { 5, a.heartY - 15, a.heartZ + a.heartC * 0.6 };
		g.tube(a, desc0, desc1, 11, 12, Tissue.BLOOD, soft);
		g.tube(a, desc1, asc1, 13, 13, Tissue.BLOOD, soft);
		g.tube(a, asc1, asc0, 13, 14, Tissue.BLOOD, soft);
		// trachea and main bronchi
		final double[] carina = { 0, front + 14, carinaZ };
		final Tissue[] airOver = { Tissue.SOFT, Tissue.MEDIASTINAL_FAT, Tissue.LUNG, Tissue.VESSEL };
		g.tube(a, new double[] { 0, front + 14, top }, carina, 8, 8, Tissue.AIRWAY, airOver);
		for (final double side : new double[] { 1, -1 })
			g.tube(a, carina, VesselTree.toAnatomy(a, side, VesselTree.HILUM), 5.5, 4, Tissue.AIRWAY,
				airOver);
	}

	private static void paintLesions(final ChestRenderer g, final ChestAnatomy a,
		final RandomStreams rng, final int maxLesions, final byte[] mask)
	{
		final int count = rng.randint(1, maxLesions);
		final double coarse = Math.max(g.sx, g.sz);
		final double rMin = Math.max(LESION_R_MIN, coarse), rMax = Math.max(LESION_R_MAX, 1.6 *
			coarse);
		for (int l = 0; l < count; l++) {
			for (int trial = 0; trial < LESION_TRIALS; trial++) {
				final double side = rng.bernoulli(0.5) ? 1 : -1;
				final double[] c = VesselTree.toAnatomy(a, side, new double[] { -0.8 + 1.6 * rng
					.nextDouble(), -0.8 + 1.6 * rng.nextDouble(), 0.1 + 0.8 * rng.nextDouble() });
				final double r = rMin + (rMax - rMin) * rng.nextDouble();
				final double ph1 = 2 * Math.PI * rng.nextDouble(), ph2 = 2 * Math.PI * rng.nextDouble();
				if (nodule(g, a, c, r, ph1, ph2, mask, false)) {
					nodule(g, a, c, r, ph1, ph2, mask, true);
					break;
				}
			}
		}
	}

	/**
	 * Tests (paint = false) whether a lobulated nodule lies inside the grid and the lungs and
	 * covers at least one voxel, or paints it (paint = true).
	 */
	private static boolean nodule(final ChestRenderer g, final ChestAnatomy a, final double[] c,
		final double r, final double ph1, final double ph2, final byte[] mask, final boolean paint)
	{
		final double cx = c[0] + a.bodyCx, cy = c[1] + a.bodyCy, cz = c[2];
		final double rOut = r * 1.15;
		final int i0 = (int) Math.floor((cx - rOut - g.x0) / g.sx), i1 = (int) Math.ceil((cx + rOut -
			g.x0) / g.sx);
		final int j0 = (int) Math.floor((cy - rOut - g.y0) / g.sy), j1 = (int) Math.ceil((cy + rOut -
			g.y0) / g.sy);
		final int k0 = (int) Math.floor((cz - rOut - g.z0) / g.sz), k1 = (int) Math.ceil((cz + rOut -
			g.z0) / g.sz);
		if (i0 < 0 || j0 < 0 || k0 < 0 || i1 >= g.w || j1 >= g.h || k1 >= g.d) return false;
		int covered = 0;
		for (int k = k0; k <= k1; k++)
			for (int j = j0; j <= j1; j++)
				for (int i = i0; i <= i1; i++) {
					final double dx = g.x(i) - cx, dy = g.y(j) - cy, dz = g.z(k) - cz;
					final double dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
					final double theta = Math.atan2(dy, dx), phi = Math.acos(dist == 0 ? 1 : dz / dist);
					final double rr = r * (1 + 0.15 * Math.sin(3 * theta + ph1) * Math.sin(2 * phi + ph2));
					if (dist > rr) continue;
					final int o = g.w * (g.h * k + j) + i;
					if (!paint) {
						if (!TISSUES[g.tissue[o]].inLung()) return false;
						covered++;
					}
					else {
						g.tissue[o] = (byte) Tissue.LESION.ordinal();
						mask[o] = 1;
					}
				}
		return covered > 0;
	}
}
