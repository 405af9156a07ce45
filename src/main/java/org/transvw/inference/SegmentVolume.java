package org.transvw.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.AtomicFiles;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.GeometryPlan;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;
import org.transvw.data.prepare.PreparedVolume;
import org.transvw.network.BundleDescription;
import org.transvw.network.NetworkChoice;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Segments one raw volume the way its model was trained and writes the answer on the input's own
 * grid (method.md §6, *Segment volume*): the {@link InputPlan} of the bundle's inputs (modality
 * checked against the bundle's, its recipe replayed, the bundle's training spacing, RAS, optional
 * crop) forward, the {@link SlidingWindowSegmenter} on the processed grid, then every probability
 * channel taken back by the recorded {@link GeometryPlan} (linear; outside a crop 0, background 1)
 * and the labels made there ({@code p > 0.5}, or the arg-max class). So labels and probabilities
 * have exactly the input's size, spacing, origin and direction.
 * <pre>{@code
 * InputPlan plan = SegmentVolume.plan(raw, "case_9", InputOptions.defaults(), bundle.description());
 * SegmentVolume.Output out = SegmentVolume.run(segmenter, raw, "case_9", plan, progress, cancel);
 * Files.writeString(sidecar, out.sidecarJson());
 * }</pre>
 */
public final class SegmentVolume {

	/** Ending of the sidecar JSON written next to the outputs. */
	public static final String SIDECAR = ".json";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
		.create();

	private SegmentVolume() {}

	/**
	 * What a run produced and how: the result on the input grid, the geometry step, the
	 * normalisation applied (with the numbers measured on this volume) and the decisions.
	 */
	public record Output(String name, SegmentationResult result, GeometryPlan geometry,
		IntensityMap normalization, InputPlan input, UncertainSegmentation uncertainty)
	{

		/**
		 * The sidecar written next to the outputs: the input, its modality and the reason, the
		 * normalisation applied (recipe and measured numbers), the target spacing and its reason,
		 * the full geometry plan, the warnings.
		 */
		public String sidecarJson() {
			final Map<String, Object> m = new LinkedHashMap<>();
			m.put("format", "transvw-segmentation");
			m.put("input", name);
			m.put("decisions", input.toMap());
			m.put("normalizationApplied", normalization.toMap());
			m.put("geometry", GSON.fromJson(geometry.toJson(), new TypeToken<Map<String, Object>>() {}
				.getType()));
			m.put("summary", geometry.summary());
			return GSON.toJson(m);
		}

		/**
		 * The files {@link #write} writes for case {@code name} (for {@link OutputFolder#prepare}),
		 * with the uncertainty maps when {@code uncertain}.
		 */
		public static List<String> files(final String name, final boolean uncertain) {
			final List<String> f = new ArrayList<>(uncertain ? UncertainSegmentation.files(name)
				: SegmentationResult.files(name));
			f.add(name + SIDECAR);
			return f;
		}

		/**
		 * Writes {@code probabilities/<name>.nii.gz}, {@code labels/<name>.nii.gz} (on the input's
		 * grid; with the uncertainty maps when computed) and the sidecar {@code <name>.json} into
		 * {@code out}.
		 */
		public void write(final OutputFolder out) throws IOException {
			if (uncertainty != null) uncertainty.write(out, name);
			else result.write(out, name);
			AtomicFiles.writeString(out.claim(name + SIDECAR), sidecarJson());
		}
	}

	/**
	 * The input plan of one volume for a bundle: {@code spacing=auto} is the bundle's training
	 * spacing (the volume's own when the bundle records none).
	 *
	 * @throws IllegalArgumentException for a modality other than the bundle's under
	 *           {@code normalization=auto} (naming both), an undecidable modality, an oblique grid
	 */
	public static InputPlan plan(final Volume raw, final String name, final InputOptions options,
		final BundleDescription bundle)
	{
		return InputPlan.decide(List.of(name), List.of(Grid.of(raw)), raw, options, Checks.notNull(
			bundle, "bundle").input());
	}

	/** Segments {@code raw} with {@code plan} (see the class description). */
	public static Output run(final SlidingWindowSegmenter segmenter, final Volume raw,
		final String name, final InputPlan plan, final Progress progress, final Cancellation cancel)
	{
		NetworkChoice.requireDimensions("input", "of tile " + java.util.Arrays.toString(segmenter
			.tileSize()), segmenter.tileSize().length, raw.numDimensions());
		final PreparedVolume p = plan.prepare(raw, name);
		final SegmentationResult r = onInputGrid(p.plan(), segmenter.predict(p.image().floats(),
			progress, cancel));
		return new Output(name, r, p.plan(), p.image().normalization(), plan, null);
	}

	/**
	 * Segments {@code raw} with {@code plan} and the test-time-augmentation uncertainty
	 * ({@link UncertaintySegmenter}); every map comes back on the input's own grid.
	 */
	public static Output runUncertain(final UncertaintySegmenter segmenter, final Volume raw,
		final String name, final InputPlan plan, final Progress progress, final Cancellation cancel)
	{
		final PreparedVolume p = prepare(raw, name, plan);
		final UncertainSegmentation u = segmenter.segment(p.image(), p.plan(), progress, cancel);
		return new Output(name, u.segmentation(), p.plan(), p.image().normalization(), plan, u);
	}

	private static PreparedVolume prepare(final Volume raw, final String name,
		final InputPlan plan)
	{
		// NB: the uncertainty maps are 3D only
		NetworkChoice.requireDimensions("input", "unet3d", 3, raw.numDimensions());
		return plan.prepare(raw, name);
	}

	/**
	 * Probabilities {@code prob} (x, y, z, c) on {@code g.processed()} taken back to
	 * {@code g.original()}: every channel linear (outside a crop 0, background 1), then the labels
	 * made there ({@code p > 0.5} for one channel, else the arg-max class).
	 */
	public static SegmentationResult onInputGrid(final GeometryPlan g,
		final RandomAccessibleInterval<FloatType> prob)
	{
		final int ch = prob.numDimensions() - 1;
		final int channels = (int) prob.dimension(ch);
		final List<Volume> back = new ArrayList<>();
		for (int c = 0; c < channels; c++) {
			final Volume onProcessed = g.processed().on(Views.hyperSlice(prob, ch, c), Modality.OTHER,
				IntensityMap.raw());
			back.add(g.invertProbabilities(onProcessed, channels > 1 && c == 0 ? 1 : 0));
		}
		final Img<UnsignedByteType> labels = ArrayImgs.unsignedBytes(g.original().dims());
		if (channels == 1) LoopBuilder.setImages(back.get(0).floats(), labels).forEachPixel((v,
			l) -> l.set(v.get() > 0.5f ? 1 : 0));
		else {
			final List<RandomAccessibleInterval<FloatType>> all = new ArrayList<>();
			for (final Volume v : back)
				all.add(v.floats());
			LoopBuilder.setImages(Views.collapse(Views.stack(all)), labels).forEachPixel((v, l) -> {
				int best = 0;
				for (int c = 1; c < channels; c++)
					if (v.get(c).get() > v.get(best).get()) best = c;
				l.set(best);
			});
		}
		return new SegmentationResult(back, g.original().on(labels, Modality.OTHER, IntensityMap
			.raw()));
	}
}
