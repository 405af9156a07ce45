package org.transvw.pretraining;

import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.network.Flavour;
import org.transvw.training.LrSchedule;

/**
 * Every setting of a pre-training run, with the reference defaults (method.md §5):
 * {@code transvw} mode, lambda_rec 1, lambda_cls 0.01, Adam 1e-3, StepLR(40, 0.5), early stopping
 * patience 50, up to 10 000 epochs, PyTorch-flavour U-Net of base width 32. C comes from the
 * dataset.
 * <p>
 * NB: the reference batch is 64 (PyTorch) or 8 (Keras); the default here is 8, which fits one
 * GPU or CPU memory at base width 32 with 64x64x32 cubes. The Keras schedule is
 * {@code plateau:20} (ReduceLROnPlateau x0.5, min_delta 1e-4, min_lr 1e-6).
 *
 * @param mode pretext mode
 * @param lambdaRec weight of the restoration MSE
 * @param lambdaCls weight of the visual-word cross-entropy
 * @param lambdaPretext weight of the pretext-class cross-entropy (rotation add-on)
 * @param flavour U-Net flavour (PyTorch: learned up-sampling; Keras: nearest)
 * @param baseWidth filters of the first convolution (32 = the paper)
 * @param batch cubes per step
 * @param learningRate Adam's initial rate
 * @param schedule {@link LrSchedule#parse} text, e.g. {@code step:40:0.5} or {@code plateau:20}
 * @param epochs maximum number of epochs
 * @param patience early-stopping patience on the mean validation total loss
 * @param seed run seed (weights, batch order, perturbations)
 * @param workers data threads reading and perturbing cubes ahead of the trainer
 * @param checkpointEvery keep a periodic checkpoint every so many epochs (0: only last + best)
 */
public record PretrainingConfig(PretextMode mode, double lambdaRec, double lambdaCls,
	double lambdaPretext, Flavour flavour, int baseWidth, int batch, double learningRate,
	String schedule, int epochs, int patience, long seed, int workers, int checkpointEvery)
{

	public PretrainingConfig {
		Checks.notNull(mode, "mode");
		Checks.inRange(lambdaRec, 0, 1e6, "lambdaRec");
		Checks.inRange(lambdaCls, 0, 1e6, "lambdaCls");
		Checks.inRange(lambdaPretext, 0, 1e6, "lambdaPretext");
		Checks.notNull(flavour, "flavour");
		Checks.inRange(baseWidth, 1, 256, "width");
		Checks.inRange(batch, 1, 4096, "batch");
		Checks.require(learningRate > 0 && learningRate <= 10, "rate",
			"a learning rate in (0, 10], got " + learningRate);
		LrSchedule.parse(schedule);
		Checks.positive(epochs, "epochs");
		Checks.positive(patience, "patience");
		Checks.inRange(workers, 1, 64, "workers");
		Checks.require(checkpointEvery >= 0, "every", "a value >= 0, got " + checkpointEvery);
	}

	/** The reference settings (see the class comment). */
	public static PretrainingConfig defaults() {
		return new PretrainingConfig(PretextMode.TRANSVW, 1, 0.01, 1, Flavour.PYTORCH, 32, 8,
			1e-3, "step:40:0.5", 10_000, 50, 1, 2, 0);
	}

	public PretrainingConfig withMode(final PretextMode v) {
		return new PretrainingConfig(v, lambdaRec, lambdaCls, lambdaPretext, flavour, baseWidth,
			batch, learningRate, schedule, epochs, patience, seed, workers, checkpointEvery);
	}

	public PretrainingConfig withNetwork(final Flavour f, final int width) {
		return new PretrainingConfig(mode, lambdaRec, lambdaCls, lambdaPretext, f, width, batch,
			learningRate, schedule, epochs, patience, seed, workers, checkpointEvery);
	}

	public PretrainingConfig withLambdas(final double rec, final double cls,
		final double pretext)
	{
		return new PretrainingConfig(mode, rec, cls, pretext, flavour, baseWidth, batch,
			learningRate, schedule, epochs, patience, seed, workers, checkpointEvery);
	}

	public PretrainingConfig withOptimisation(final int batchSize, final double rate,
		final String lrSchedule)
	{
		return new PretrainingConfig(mode, lambdaRec, lambdaCls, lambdaPretext, flavour, baseWidth,
			batchSize, rate, lrSchedule, epochs, patience, seed, workers, checkpointEvery);
	}

	public PretrainingConfig withStopping(final int maxEpochs, final int patienceEpochs) {
		return new PretrainingConfig(mode, lambdaRec, lambdaCls, lambdaPretext, flavour, baseWidth,
			batch, learningRate, schedule, maxEpochs, patienceEpochs, seed, workers,
			checkpointEvery);
	}

	public PretrainingConfig withRun(final long runSeed, final int threads, final int every) {
		return new PretrainingConfig(mode, lambdaRec, lambdaCls, lambdaPretext, flavour, baseWidth,
			batch, learningRate, schedule, epochs, patience, runSeed, threads, every);
	}

	/** JSON-friendly copy for the bundle's provenance. */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("mode", mode.key());
		m.put("lambdaRec", lambdaRec);
		m.put("lambdaCls", lambdaCls);
		m.put("lambdaPretext", lambdaPretext);
		m.put("flavour", flavour.name().toLowerCase(java.util.Locale.ROOT));
		m.put("baseWidth", baseWidth);
		m.put("batch", batch);
		m.put("learningRate", learningRate);
		m.put("schedule", schedule);
		m.put("epochs", epochs);
		m.put("patience", patience);
		m.put("seed", seed);
		return m;
	}
}
