package org.transvw.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.finetuning.ClassificationData;
import org.transvw.finetuning.ClassificationFineTuneConfig;
import org.transvw.finetuning.ClassificationFineTuner;
import org.transvw.finetuning.LabelledCube;
import org.transvw.network.ModelBundle;

import ai.djl.Device;

/**
 * The cells of a classification study: each one {@link ClassificationFineTuner} run on the
 * cell's labelled subset of the training cubes (all of the validation and test cubes), from
 * scratch or from the cell's bundle's encoder, with the cell's seed; scored with its best weights
 * on the held-out test cubes by ROC AUC (binary; mean one-vs-rest otherwise) and accuracy
 * (p(1) > 0.5 for two classes, the arg max otherwise). Nothing but the cell's result is kept.
 * A labelled unit is one candidate cube (labelling a candidate is the annotation effort); the
 * validation and test sets hold out whole source volumes.
 */
public final class ClassificationCells implements AnnotationStudy.CellRunner {

	private final ClassificationFineTuneConfig config;
	private final ClassificationData data;
	private final Device device;
	private final Cancellation cancel;

	/**
	 * @param config the fine-tuning settings of every cell (its seed is replaced by the cell's;
	 *          {@code linear} applies to the bundles only)
	 * @param data the prepared training, validation and test cubes (test not empty)
	 */
	public ClassificationCells(final ClassificationFineTuneConfig config,
		final ClassificationData data, final Device device, final Cancellation cancel)
	{
		this.config = Checks.notNull(config, "config");
		this.data = Checks.notNull(data, "data");
		Checks.require(!data.test().isEmpty(), "test", "a held-out test set (testtable, or test= " +
			"a share of the source volumes in (0, 1))");
		this.device = Checks.notNull(device, "device");
		this.cancel = Checks.notNull(cancel, "cancel");
	}

	/** What besides the initialisation, fraction and seed determines a cell, for its key. */
	public static Map<String, Object> settings(final ClassificationFineTuneConfig config,
		final Map<String, Object> data)
	{
		final Map<String, Object> m = AnnotationStudy.settings(config.toMap(), config.training());
		m.put("task", StudyTask.CLASSIFICATION.key());
		m.put("data", data);
		return m;
	}

	@Override
	public CellResult run(final Cell cell, final int[] subset, final String key,
		final Progress progress) throws IOException
	{
		final long t0 = System.nanoTime();
		final List<LabelledCube> train = new ArrayList<>();
		for (final int i : subset)
			train.add(data.train().get(i));
		final ClassificationData d = new ClassificationData(train, data.validation(), data.test(),
			data.input(), data.plan());
		final ClassificationFineTuneConfig c = new ClassificationFineTuneConfig(config.cube(), config
			.classes(), config.linear() && !cell.arm().isScratch(), config.flip(), config.baseWidth(),
			null, config.training().withSeed(cell.trainingSeed()).withFresh(true), config.network());
		final ClassificationFineTuner.Result r;
		try (ModelBundle pre = cell.arm().isScratch() ? null : ModelBundle.load(cell.arm().bundle(),
			device))
		{
			r = new ClassificationFineTuner(c, progress, cancel).fit(d, pre, device, null);
		}
		final int[] labels = labels(data.test());
		return new CellResult(key, cell.arm().name(), cell.fraction(), cell.seedIndex(), cell
			.trainingSeed(), train.size(), r.testAuc(), accuracy(labels, r.testProbabilities()), r
				.auc(), r.training().lastEpoch(), r.training().bestEpoch(), r.training().reason()
					.toString(), (System.nanoTime() - t0) / 1e9, CellResult.curve(r.training(), e -> e
						.validationAccuracy()), scores(data.test(), r.testProbabilities()));
	}

	private static int[] labels(final List<LabelledCube> cubes) {
		final int[] y = new int[cubes.size()];
		for (int i = 0; i < y.length; i++)
			y[i] = cubes.get(i).label();
		return y;
	}

	/** The predicted class: p(1) > 0.5 with one output, else the arg max. */
	static int predicted(final float[] p) {
		if (p.length == 1) return p[0] > 0.5f ? 1 : 0;
		int best = 0;
		for (int k = 1; k < p.length; k++)
			if (p[k] > p[best]) best = k;
		return best;
	}

	/** Fraction of cubes whose predicted class is their label. */
	static double accuracy(final int[] labels, final float[][] p) {
		if (labels.length == 0) return Double.NaN;
		int correct = 0;
		for (int i = 0; i < labels.length; i++)
			if (predicted(p[i]) == labels[i]) correct++;
		return (double) correct / labels.length;
	}

	/** cube,source,label,predicted,p0[,p1...]: one line per held-out test cube. */
	static List<String> scores(final List<LabelledCube> cubes, final float[][] p) {
		final List<String> out = new ArrayList<>();
		final StringBuilder h = new StringBuilder("cube,source,label,predicted");
		final int k = p.length == 0 ? 1 : p[0].length;
		if (k == 1) h.append(",p1");
		else for (int c = 0; c < k; c++)
			h.append(",p").append(c);
		out.add(h.toString());
		for (int i = 0; i < cubes.size(); i++) {
			final StringBuilder l = new StringBuilder();
			l.append(csv(cubes.get(i).id())).append(',').append(csv(cubes.get(i).source())).append(',')
				.append(cubes.get(i).label()).append(',').append(predicted(p[i]));
			for (final float v : p[i])
				l.append(',').append(String.format(Locale.ROOT, "%.6f", v));
			out.add(l.toString());
		}
		return out;
	}

	private static String csv(final String s) {
		return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}
}
