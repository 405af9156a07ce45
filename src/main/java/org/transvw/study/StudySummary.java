package org.transvw.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.transvw.common.Checks;

/**
 * The aggregated study: per initialisation x fraction the task's two test figures (Dice and
 * IoU; AUC and accuracy for classification, {@link StudyTask}) over the finished seeds ({@link Statistics#summary}), and for each pre-trained initialisation the paired tests
 * against scratch on the seeds both finished ({@link Statistics#pairedT},
 * {@link Statistics#wilcoxon}); the annotation saving; and the mean validation curve.
 * <p>
 * Annotation saving of a bundle: the target is scratch's mean primary test figure (Dice, AUC) at
 * 100 %; the bundle's mean curve of it over the fractions (ascending) reaches it at the first fraction whose
 * mean is at or above the target, linearly interpolated between that fraction and the one
 * before ({@link Statistics#reaching}); the saving is 100 % minus that fraction. When the bundle
 * is at or above the target already at the smallest fraction, that fraction is reported (the
 * saving is at least 100 % minus it); when it never reaches it, or 100 % is not among the
 * fractions, there is no saving figure.
 *
 * @param design the study
 * @param task what the figures are
 * @param rows one per initialisation and fraction, in design order
 * @param savings one per pre-trained initialisation
 * @param curves the validation figure (Dice, accuracy) per epoch, mean over the finished seeds, per initialisation
 *          and fraction
 */
public record StudySummary(StudyDesign design, StudyTask task, List<Row> rows,
	List<Saving> savings, List<Curve> curves)
{

	/** The CSV header of {@link #csvLines()} of a segmentation study. */
	public static final String HEADER = header(StudyTask.SEGMENTATION);

	/**
	 * The CSV header of a {@code task} study, e.g. {@code initialisation,fraction,n,dice_mean,
	 * dice_sd,dice_ci95_low,dice_ci95_high,iou_mean,...,pairs,dice_p_ttest,dice_p_wilcoxon,
	 * iou_p_ttest,iou_p_wilcoxon}.
	 */
	public static String header(final StudyTask task) {
		final String a = StudyTask.column(task.primary()), b = StudyTask.column(task.secondary());
		return String.join(",", "initialisation", "fraction", "n", a + "_mean", a + "_sd", a +
			"_ci95_low", a + "_ci95_high", b + "_mean", b + "_sd", b + "_ci95_low", b + "_ci95_high",
			"pairs", a + "_p_ttest", a + "_p_wilcoxon", b + "_p_ttest", b + "_p_wilcoxon");
	}

	/**
	 * One initialisation at one fraction.
	 *
	 * @param pairs seeds finished by this initialisation and by scratch (the paired tests' n; 0
	 *          for scratch)
	 * @param primaryT paired t-test p of the primary test figure vs scratch (NaN for scratch or
	 *          fewer than 2 pairs)
	 */
	public record Row(String arm, double fraction, Statistics.Summary primary,
		Statistics.Summary secondary, int pairs, double primaryT, double primaryWilcoxon,
		double secondaryT, double secondaryWilcoxon) {}

	/**
	 * @param target scratch's mean primary test figure at 100 % (NaN without it)
	 * @param metric its name (Dice, AUC)
	 * @param fraction the fraction at which the bundle reaches it (NaN: never or no target)
	 * @param atSmallest whether that is the smallest fraction (an upper bound)
	 */
	public record Saving(String arm, double target, double fraction, boolean atSmallest,
		String metric)
	{

		/** Percent of the labels saved: 100 - fraction (NaN without a fraction). */
		public double percent() {
			return 100 - fraction;
		}

		/** E.g. "75 % fewer labels (matches scratch at 100 % with 25 %)". */
		public String describe() {
			if (Double.isNaN(target)) return "no figure (100 % is not among the fractions, or " +
				"scratch has no finished cell there)";
			if (Double.isNaN(fraction)) return String.format(Locale.ROOT, "none: does not reach " +
				"scratch's 100 %% %s %.4f at any fraction", metric, target);
			return String.format(Locale.ROOT, "%s%s %% of the labels saved (reaches scratch's 100 %% " +
				"%s %.4f with %s%s %% of the training cases)", atSmallest ? "at least " : "",
				Statistics.format(percent()), metric, target, atSmallest ? "" : "about ", Statistics.format(
					fraction));
		}
	}

	/** Mean validation figure (Dice, accuracy) per epoch over the seeds that reached the epoch. */
	public record Curve(String arm, double fraction, double[] epochs, double[] meanScore) {}

	/** The summary of a segmentation study. */
	public static StudySummary of(final StudyDesign design, final Map<Cell, CellResult> done) {
		return of(design, StudyTask.SEGMENTATION, done);
	}

	public static StudySummary of(final StudyDesign design, final StudyTask task,
		final Map<Cell, CellResult> done)
	{
		Checks.notNull(design, "design");
		Checks.notNull(task, "task");
		final double[] fr = design.fractions();
		final List<Row> rows = new ArrayList<>();
		final List<Curve> curves = new ArrayList<>();
		final List<Saving> savings = new ArrayList<>();
		final Map<String, double[]> means = new TreeMap<>();
		for (final Arm arm : design.arms()) {
			final double[] m = new double[fr.length];
			for (int f = 0; f < fr.length; f++) {
				final CellResult[] mine = results(design, done, arm, fr[f]);
				final CellResult[] base = results(design, done, design.arms().get(0), fr[f]);
				final List<double[]> pd = new ArrayList<>(), pi = new ArrayList<>();
				int pairs = 0;
				if (!arm.isScratch()) for (int s = 0; s < design.seeds(); s++)
					if (mine[s] != null && base[s] != null) {
						pd.add(new double[] { mine[s].testPrimary(), base[s].testPrimary() });
						pi.add(new double[] { mine[s].testSecondary(), base[s].testSecondary() });
						pairs++;
					}
				final Statistics.Summary primary = Statistics.summary(values(mine, true));
				m[f] = primary.mean();
				rows.add(new Row(arm.name(), fr[f], primary, Statistics.summary(values(mine, false)),
					pairs, p(pd, true), p(pd, false), p(pi, true), p(pi, false)));
				curves.add(curve(arm.name(), fr[f], mine));
			}
			means.put(arm.name(), m);
		}
		final boolean hasFull = fr[fr.length - 1] == 100;
		final double target = hasFull ? means.get(Arm.SCRATCH)[fr.length - 1] : Double.NaN;
		for (final Arm arm : design.arms())
			if (!arm.isScratch()) {
				final double at = Statistics.reaching(fr, means.get(arm.name()), target);
				savings.add(new Saving(arm.name(), target, at, !Double.isNaN(at) && at == firstMeasured(
					fr, means.get(arm.name())), task.primary()));
			}
		return new StudySummary(design, task, List.copyOf(rows), List.copyOf(savings), List.copyOf(
			curves));
	}

	/** Finished cells of the study. */
	public int finishedCells() {
		return rows.stream().mapToInt(r -> r.primary().n()).sum();
	}

	/** {@link #header(StudyTask)}, then one line per row. */
	public List<String> csvLines() {
		final List<String> out = new ArrayList<>();
		out.add(header(task));
		for (final Row r : rows)
			out.add(String.join(",", r.arm(), Statistics.format(r.fraction()), Integer.toString(r
				.primary().n()), num(r.primary().mean()), num(r.primary().sd()), num(r.primary().ciLow()),
				num(r.primary().ciHigh()), num(r.secondary().mean()), num(r.secondary().sd()), num(r
					.secondary().ciLow()), num(r.secondary().ciHigh()), Integer.toString(r.pairs()), num(r
						.primaryT()), num(r.primaryWilcoxon()), num(r.secondaryT()), num(r
							.secondaryWilcoxon())));
		return out;
	}

	/** The table as Markdown (both figures as mean +- sd [95 % CI], p-values vs scratch). */
	public List<String> markdownTable() {
		final String a = task.primary(), b = task.secondary();
		final List<String> out = new ArrayList<>();
		out.add("| initialisation | labels % | n | test " + a + " mean ± sd [95 % CI] | test " + b +
			" mean ± sd [95 % CI] | pairs | " + a + " p (t) | " + a + " p (Wilcoxon) | " + b +
			" p (t) | " + b + " p (Wilcoxon) |");
		out.add("|---|---|---|---|---|---|---|---|---|---|");
		for (final Row r : rows)
			out.add("| " + String.join(" | ", r.arm(), Statistics.format(r.fraction()), Integer
				.toString(r.primary().n()), cell(r.primary()), cell(r.secondary()), r.arm().equals(
					Arm.SCRATCH) ? "-" : Integer.toString(r.pairs()), pText(r.primaryT(), r), pText(r
						.primaryWilcoxon(), r), pText(r.secondaryT(), r), pText(r.secondaryWilcoxon(), r)) +
				" |");
		return out;
	}

	private static String cell(final Statistics.Summary s) {
		if (s.n() == 0) return "n/a";
		if (s.n() == 1) return String.format(Locale.ROOT, "%.4f", s.mean());
		return String.format(Locale.ROOT, "%.4f ± %.4f [%.4f, %.4f]", s.mean(), s.sd(), s.ciLow(),
			s.ciHigh());
	}

	private static String pText(final double p, final Row r) {
		if (r.arm().equals(Arm.SCRATCH)) return "-";
		return Double.isNaN(p) ? "n/a" : String.format(Locale.ROOT, "%.4g", p);
	}

	private static String num(final double v) {
		return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
	}

	private static CellResult[] results(final StudyDesign d, final Map<Cell, CellResult> done,
		final Arm arm, final double fraction)
	{
		final CellResult[] out = new CellResult[d.seeds()];
		done.forEach((c, r) -> {
			if (c.arm().equals(arm) && c.fraction() == fraction) out[c.seedIndex()] = r;
		});
		return out;
	}

	private static double[] values(final CellResult[] rs, final boolean primary) {
		final List<Double> v = new ArrayList<>();
		for (final CellResult r : rs)
			if (r != null) v.add(primary ? r.testPrimary() : r.testSecondary());
		return v.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static double p(final List<double[]> pairs, final boolean t) {
		final double[] a = new double[pairs.size()], b = new double[pairs.size()];
		for (int i = 0; i < a.length; i++) {
			a[i] = pairs.get(i)[0];
			b[i] = pairs.get(i)[1];
		}
		if (a.length == 0) return Double.NaN;
		return t ? Statistics.pairedT(a, b) : Statistics.wilcoxon(a, b);
	}

	private static Curve curve(final String arm, final double fraction, final CellResult[] rs) {
		int last = 0;
		for (final CellResult r : rs)
			if (r != null) for (final CellResult.Epoch e : r.curve())
				last = Math.max(last, e.epoch());
		final double[] sum = new double[last], n = new double[last];
		for (final CellResult r : rs)
			if (r != null) for (final CellResult.Epoch e : r.curve())
				if (!Double.isNaN(e.validationScore())) {
					sum[e.epoch() - 1] += e.validationScore();
					n[e.epoch() - 1]++;
				}
		final List<double[]> pts = new ArrayList<>();
		for (int i = 0; i < last; i++)
			if (n[i] > 0) pts.add(new double[] { i + 1, sum[i] / n[i] });
		final double[] x = new double[pts.size()], y = new double[pts.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = pts.get(i)[0];
			y[i] = pts.get(i)[1];
		}
		return new Curve(arm, fraction, x, y);
	}

	private static double firstMeasured(final double[] fr, final double[] means) {
		for (int i = 0; i < fr.length; i++)
			if (!Double.isNaN(means[i])) return fr[i];
		return Double.NaN;
	}
}
