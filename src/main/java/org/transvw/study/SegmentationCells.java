package org.transvw.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.evaluation.SegmentationReport;
import org.transvw.finetuning.FineTuneData;
import org.transvw.finetuning.FineTuneResult;
import org.transvw.finetuning.LabelledCase;
import org.transvw.finetuning.SegmentationFineTuneConfig;
import org.transvw.finetuning.SegmentationFineTuner;
import org.transvw.finetuning.SegmentationLoss;
import org.transvw.finetuning.SparseLabels;
import org.transvw.network.ModelBundle;

import ai.djl.Device;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.ConstantUtils;
import net.imglib2.view.Views;

/**
 * The cells of a segmentation study: each one {@link SegmentationFineTuner} run on the cell's
 * labelled subset of the training cases (all of the validation and test cases), from scratch or
 * from the cell's bundle, with the cell's seed; nothing but the cell's result is kept (no
 * bundle). With a slice budget, the training labels keep every N-th z slice of the model's grid
 * (slices 0, N, 2N, ...) and the others become unlabelled (255), so the fraction of labelled
 * cases and the labelling effort per case combine.
 */
public final class SegmentationCells implements AnnotationStudy.CellRunner {

	private final SegmentationFineTuneConfig config;
	private final FineTuneData data;
	private final int slices;
	private final Device device;
	private final Cancellation cancel;

	/**
	 * @param config the fine-tuning settings of every cell (its fraction must be 1: the study
	 *          draws the subsets; its seed is replaced by the cell's)
	 * @param data the prepared training, validation and test cases (test not empty)
	 * @param slices label every N-th slice of each training case, 0 = every slice as given
	 */
	public SegmentationCells(final SegmentationFineTuneConfig config, final FineTuneData data,
		final int slices, final Device device, final Cancellation cancel)
	{
		this.config = Checks.notNull(config, "config");
		Checks.require(config.fraction() == 1, "fraction", "1 (the study chooses the subsets)");
		this.data = Checks.notNull(data, "data");
		Checks.require(!data.test().isEmpty(), "test", "a held-out test set (testimages and " +
			"testlabels, or test= a share in (0, 1))");
		this.slices = Checks.inRange(slices, 0, 100_000, "slices");
		this.device = Checks.notNull(device, "device");
		this.cancel = Checks.notNull(cancel, "cancel");
	}

	/**
	 * What besides the initialisation, fraction and seed determines a cell, for its key: the
	 * fine-tuning settings (without the seed), the slice budget and {@code data} (what identifies
	 * the cases).
	 */
	public static Map<String, Object> settings(final SegmentationFineTuneConfig config,
		final int slices, final Map<String, Object> data)
	{
		final Map<String, Object> m = AnnotationStudy.settings(config.toMap(), config.training());
		m.put("slices", slices);
		m.put("data", data);
		return m;
	}

	@Override
	public CellResult run(final Cell cell, final int[] subset, final String key,
		final Progress progress) throws IOException
	{
		final long t0 = System.nanoTime();
		final List<LabelledCase> train = new ArrayList<>();
		for (final int i : subset)
			train.add(sparse(data.train().get(i), slices));
		final FineTuneData d = new FineTuneData(train, data.validation(), data.test(), data.input(),
			data.plan());
		final SegmentationFineTuneConfig c = new SegmentationFineTuneConfig(config.patch(), config
			.classes(), config.samplesPerEpoch(), config.validationSamples(), config
				.crossEntropyWeight(), config.foregroundFraction(), config.augmentation(), 1, config
					.freezeEncoder() && !cell.arm().isScratch(), config.baseWidth(), null, config.training()
						.withSeed(cell.trainingSeed()).withFresh(true), config.network());
		final FineTuneResult r;
		try (ModelBundle pre = cell.arm().isScratch() ? null : ModelBundle.load(cell.arm().bundle(),
			device))
		{
			r = new SegmentationFineTuner(c, progress, cancel).fit(d, pre, device, null);
		}
		final List<CellResult.Epoch> curve = CellResult.curve(r.training(), e -> e.validation()
			.getOrDefault(SegmentationLoss.DICE, Double.NaN));
		final SegmentationReport test = r.test();
		return new CellResult(key, cell.arm().name(), cell.fraction(), cell.seedIndex(), cell
			.trainingSeed(), train.size(), test.pooled().dice(), test.pooled().iou(), r.validation()
				.pooled().dice(), r.training().lastEpoch(), r.training().bestEpoch(), r.training()
					.reason().toString(), (System.nanoTime() - t0) / 1e9, curve, test.csvLines());
	}

	/**
	 * The case with every {@code slices}-th z slice labelled (the others 255), or as it is for
	 * {@code slices} 0 or 1.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static LabelledCase sparse(final LabelledCase c, final int slices) {
		if (slices <= 1) return c;
		final RandomAccessibleInterval<FloatType> labels = Converters.convert(
			(RandomAccessibleInterval) c.labels(), (a, b) -> ((FloatType) b).setReal(((RealType<?>) a)
				.getRealDouble()), new FloatType());
		final List<RandomAccessibleInterval<FloatType>> planes = new ArrayList<>();
		final long z0 = labels.min(2);
		for (long z = z0; z <= labels.max(2); z++) {
			final RandomAccessibleInterval<FloatType> plane = Views.hyperSlice(labels, 2, z);
			planes.add((z - z0) % slices == 0 ? plane : ConstantUtils.constantRandomAccessibleInterval(
				new FloatType(SparseLabels.UNLABELLED), plane));
		}
		final RandomAccessibleInterval<FloatType> kept = Views.translate(Views.stack(planes), 0, 0,
			z0);
		return c.plan() == null ? new LabelledCase(c.name(), c.image(), kept) : new LabelledCase(c
			.name(), c.image(), kept, c.plan(), c.originalLabels());
	}
}
