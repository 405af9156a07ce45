package org.transvw.data.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.transvw.common.Checks;
import org.transvw.data.Volume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * What the geometry step did to one volume, and its exact inverse (the reference resamples
 * nothing, method.md §2.1; see the package description): the input grid, the reorientation to
 * RAS, the crop box, the target spacing and the interpolation per axis, and the resulting
 * processed grid. It is a value (JSON round trip, {@link #toJson}) so a
 * prediction made on the processed grid can be put back on the input's own grid later.
 * <p>
 * Forward: reorient (exact view) -> crop ({@link #crop()} on the RAS grid) -> resample
 * ({@link Resampling}, extent-preserving). Inverse: resample back to the crop's size (nearest for
 * labels, linear for probabilities) -> pad to the RAS grid with a fill value -> undo the
 * reorientation. The inverse returns volumes on {@link #original()} exactly (sizes, spacing,
 * origin and direction are the recorded ones, not recomputed).
 *
 * <pre>{@code
 * GeometryPlan plan = GeometryPlan.of(image, GeometryConfig.defaults().withTargetSpacing(1, 1, 1));
 * Volume x = plan.forwardImage(image), y = plan.forwardLabels(labels);
 * Volume onInputGrid = plan.invertLabels(prediction); // prediction on plan.processed()
 * }</pre>
 *
 * @param original the input's grid
 * @param orientation input -> RAS
 * @param cropRule the crop rule applied
 * @param crop box kept, in the RAS grid's indices
 * @param targetSpacing spacing asked for (RAS order); the processed grid's actual spacing
 *          differs by the rounding of the size
 * @param interpolation image interpolation per RAS axis
 * @param processed the grid images and labels are on after the step
 * @param notes log lines: what was done and any snapping
 */
public record GeometryPlan(Grid original, Reorientation orientation, ForegroundCrop cropRule,
	CropBox crop, double[] targetSpacing, Interpolation[] interpolation, Grid processed,
	List<String> notes)
{

	public GeometryPlan {
		Checks.notNull(original, "original grid");
		Checks.notNull(orientation, "orientation");
		Checks.require(orientation.numDimensions() == original.numDimensions(), "orientation",
			original.numDimensions() + " axes like the original grid");
		Checks.notNull(cropRule, "crop rule");
		final Grid ras = orientation.apply(original);
		Checks.require(crop != null && crop.fits(ras.dims()), "crop", "a box inside the RAS grid " +
			Arrays.toString(ras.dims()) + ", got " + crop);
		targetSpacing = GeometryChecks.requireSpacing(targetSpacing, original.numDimensions(),
			"target spacing");
		Checks.require(interpolation != null && interpolation.length == original.numDimensions() &&
			Arrays.stream(interpolation).allMatch(i -> i != null), "interpolation", original
				.numDimensions() + " interpolations, one per axis");
		interpolation = interpolation.clone();
		final Grid expected = Resampling.grid(crop.apply(ras), targetSpacing);
		Checks.require(expected.equals(processed), "processed grid", "the grid that follows from the " +
			"original grid, orientation, crop and target spacing (" + expected.describe() + "), got " + (
				processed == null ? "none" : processed.describe()));
		notes = notes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(notes));
	}

	/**
	 * Plans the geometry step for an image.
	 *
	 * @throws IllegalArgumentException for an oblique or sheared direction (see
	 *           {@link Reorientation#of}) or a target spacing of the wrong length
	 */
	public static GeometryPlan of(final Volume image, final GeometryConfig config) {
		final Grid in = Grid.of(image);
		final int n = in.numDimensions();
		final List<String> notes = new ArrayList<>();
		final Reorientation r = Reorientation.of(in.direction(), n, config.obliqueTolerance());
		if (r.note(in) != null) notes.add(r.note(in));
		if (!r.isIdentity()) notes.add("orientation: " + r.code() + " -> RAS (axis permutation " +
			"and flips, exact)");
		final Grid ras = r.apply(in);
		final CropBox box = config.crop().box(r.apply(image.pixels()), ras.spacing());
		if (!config.crop().isNone()) notes.add(cropNote(config.crop(), box, ras));
		final Grid cropped = box.apply(ras);
		final double[] target = config.targetSpacing() == null ? cropped.spacing() : config
			.targetSpacing();
		Checks.require(target.length == n, "target spacing", n + " values (RAS axis order), got " +
			Arrays.toString(target));
		final Grid processed = Resampling.grid(cropped, target);
		final Interpolation[] ip = new Interpolation[n];
		Arrays.fill(ip, config.image());
		final int through = TargetSpacing.throughPlaneAxis(cropped.spacing(), target);
		if (through >= 0) ip[through] = config.throughPlane();
		if (!Arrays.equals(processed.dims(), cropped.dims())) notes.add(String.format(Locale.ROOT,
			"spacing: resampled %s mm -> %s mm (target %s), %s -> %s voxels, %s%s", Grid.format(cropped
				.spacing()), Grid.format(processed.spacing()), Grid.format(target), Arrays.toString(
					cropped.dims()), Arrays.toString(processed.dims()), config.image().name()
						.toLowerCase(Locale.ROOT), through >= 0 ? ", " + config.throughPlane().name()
							.toLowerCase(Locale.ROOT) + " along the through-plane axis " + GeometryChecks
								.axisName(through) : ""));
		return new GeometryPlan(in, r, config.crop(), box, target, ip, processed, notes);
	}

	private static String cropNote(final ForegroundCrop rule, final CropBox box, final Grid ras) {
		final double kept = 100.0 * Arrays.stream(box.dims()).reduce(1, (a, b) -> a * b) / ras
			.size();
		if (box.equals(CropBox.all(ras.dims()))) return "crop: " + rule +
			" keeps the whole volume (nothing to crop, or no voxel above the threshold)";
		return String.format(Locale.ROOT, "crop: %s keeps %s .. %s of %s (%.1f %% of the voxels)",
			rule, Arrays.toString(box.min()), Arrays.toString(box.max()), Arrays.toString(ras.dims()),
			kept);
	}

	/**
	 * Whether the step changes nothing: already RAS, nothing cropped, no axis resampled (the
	 * processed grid is the original one, so {@link #forwardImage} may be skipped).
	 */
	public boolean isIdentity() {
		return orientation.isIdentity() && crop.equals(CropBox.all(original.dims())) && processed
			.equals(cropped()) && original.matches(processed);
	}

	/**
	 * The continuous index on {@link #processed()} of a continuous index on {@link #original()}
	 * (e.g. a candidate's centre): the reorientation's permutation and flips, minus the crop's
	 * corner, then the resampling rule {@code x' = (x + 1/2) n' / n - 1/2} per axis.
	 */
	public double[] toProcessed(final double... index) {
		final int n = original.numDimensions();
		Checks.require(index.length == n, "index", n + " coordinates");
		final long[] in = original.dims(), cropMin = crop.min(), cropDims = crop.dims(), out =
			processed.dims();
		final int[] toWorld = orientation.axisToWorld();
		final boolean[] flip = orientation.flipped();
		final double[] ras = new double[n];
		for (int j = 0; j < n; j++)
			ras[toWorld[j]] = flip[j] ? in[j] - 1 - index[j] : index[j];
		final double[] p = new double[n];
		for (int k = 0; k < n; k++)
			p[k] = (ras[k] - cropMin[k] + 0.5) * out[k] / cropDims[k] - 0.5;
		return p;
	}

	/** The input's grid reoriented to RAS (before the crop). */
	public Grid oriented() {
		return orientation.apply(original);
	}

	/** The RAS grid of the crop box (before resampling). */
	public Grid cropped() {
		return crop.apply(oriented());
	}

	@Override
	public double[] targetSpacing() {
		return targetSpacing.clone();
	}

	@Override
	public Interpolation[] interpolation() {
		return interpolation.clone();
	}

	/**
	 * The image on the processed grid: a new float image, same modality and normalisation record.
	 *
	 * @throws IllegalArgumentException if the image is not on {@link #original()}
	 */
	public Volume forwardImage(final Volume image) {
		Checks.require(original.matches(Grid.of(image)), "image", "the grid this plan was made for (" +
			original.describe() + "), got " + Grid.of(image).describe());
		return processed.on(Resampling.resample(cropView(image.pixels()), processed.dims(),
			interpolation), image.modality(), image.normalization());
	}

	/**
	 * Labels on the processed grid by nearest neighbour: same pixel type, only input values
	 * (255 = unlabelled survives).
	 *
	 * @throws IllegalArgumentException naming both grids if the labels are not on the image's grid
	 */
	public Volume forwardLabels(final Volume labels) {
		GeometryChecks.requireSameGrid(original, "the image", Grid.of(labels), "the labels");
		return processed.on(nearest(cropView(labels.pixels()), processed.dims()), labels.modality(),
			labels.normalization());
	}

	/**
	 * Labels predicted on the processed grid, put back on {@link #original()} exactly: nearest
	 * neighbour back to the crop, 0 outside the crop, the input's axis order.
	 */
	public Volume invertLabels(final Volume labels) {
		requireProcessed(labels, "labels");
		final RandomAccessibleInterval<? extends RealType<?>> onCrop = nearest(labels.pixels(), crop
			.dims());
		return original.on(restore(onCrop, 0), labels.modality(), labels.normalization());
	}

	/**
	 * One probability (or any continuous) map predicted on the processed grid, put back on
	 * {@link #original()} exactly: linear back to the crop (nearest along an axis that was
	 * resampled with nearest; never B-spline, so values stay within their neighbours' range),
	 * {@code outside} beyond the crop, the input's axis order. Float pixels.
	 */
	public Volume invertProbabilities(final Volume probabilities, final double outside) {
		requireProcessed(probabilities, "probabilities");
		final Interpolation[] back = new Interpolation[interpolation.length];
		for (int d = 0; d < back.length; d++)
			back[d] = interpolation[d] == Interpolation.NEAREST ? Interpolation.NEAREST
				: Interpolation.LINEAR;
		return original.on(restore(Resampling.resample(probabilities.pixels(), crop.dims(), back),
			outside), probabilities.modality(), probabilities.normalization());
	}

	private void requireProcessed(final Volume v, final String what) {
		Checks.require(processed.matches(Grid.of(v)), what, "the processed grid of this plan (" +
			processed.describe() + "), got " + Grid.of(v).describe());
	}

	private <T> RandomAccessibleInterval<T> cropView(final RandomAccessibleInterval<T> pixels) {
		return Views.zeroMin(Views.interval(orientation.apply(pixels), crop.interval()));
	}

	/** Pads the crop into the RAS grid with {@code fill}, then undoes the reorientation. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private RandomAccessibleInterval<? extends RealType<?>> restore(
		final RandomAccessibleInterval<? extends RealType<?>> onCrop, final double fill)
	{
		return restoreTyped((RandomAccessibleInterval) onCrop, fill);
	}

	private <T extends NativeType<T> & RealType<T>> Img<T> restoreTyped(
		final RandomAccessibleInterval<T> onCrop, final double fill)
	{
		final T type = onCrop.getType().createVariable();
		final Img<T> ras = new ArrayImgFactory<>(type).create(oriented().dims());
		if (fill != 0) for (final T t : ras)
			t.setReal(fill);
		LoopBuilder.setImages(onCrop, Views.zeroMin(Views.interval(ras, crop.interval())))
			.multiThreaded().forEachPixel((a, b) -> b.set(a));
		final Img<T> out = new ArrayImgFactory<>(type).create(original.dims());
		LoopBuilder.setImages(orientation.invert(ras), out).multiThreaded().forEachPixel((a, b) -> b
			.set(a));
		return out;
	}

	/** Nearest neighbour keeping a native pixel type; other types via float (exact below 2^24). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RandomAccessibleInterval<? extends RealType<?>> nearest(
		final RandomAccessibleInterval<? extends RealType<?>> in, final long[] dims)
	{
		if (in.getType() instanceof NativeType) return (RandomAccessibleInterval) Resampling.nearest(
			(RandomAccessibleInterval) in, dims);
		final Interpolation[] ip = new Interpolation[dims.length];
		Arrays.fill(ip, Interpolation.NEAREST);
		return Resampling.resample(in, dims, ip);
	}

	/** One line for a log: what the step does to this volume. */
	public String summary() {
		return original.describe() + " -> " + processed.describe() + (notes.isEmpty() ? "" : " (" +
			String.join("; ", notes) + ")");
	}

	/** Pretty JSON of every field, derived grids included for the reader; exact round trip. */
	public String toJson() {
		return GeometryPlanJson.toJson(this);
	}

	/**
	 * Inverse of {@link #toJson()}.
	 *
	 * @throws IllegalArgumentException naming the field that is missing or inconsistent
	 */
	public static GeometryPlan fromJson(final String json) {
		return GeometryPlanJson.fromJson(json);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof GeometryPlan p && original.equals(p.original) && orientation.equals(
			p.orientation) && cropRule.equals(p.cropRule) && crop.equals(p.crop) && Arrays.equals(
				targetSpacing, p.targetSpacing) && Arrays.equals(interpolation, p.interpolation) &&
			processed.equals(p.processed) && notes.equals(p.notes);
	}

	@Override
	public int hashCode() {
		return original.hashCode() * 31 + processed.hashCode();
	}
}
