package org.transvw.pretraining;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.network.Flavour;
import org.transvw.training.TrainingSettings;

/**
 * Every setting of a pre-training run, with the reference defaults (method.md §5):
 * {@code transvw} mode, lambda_rec 1, lambda_cls 0.01, PyTorch-flavour U-Net of base width 32,
 * and the shared {@link TrainingSettings#defaults()} (Adam 1e-3, StepLR(40, 0.5), batch 8,
 * early stopping patience 50, up to 10 000 epochs, seed 1). C comes from the dataset.
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
 * @param workers data threads reading and perturbing cubes ahead of the trainer (the data do
 *          not depend on it)
 * @param training optimiser, epochs, batch, schedule, seed, checkpoints
 */
public record PretrainingConfig(PretextMode mode, double lambdaRec, double lambdaCls,
	double lambdaPretext, Flavour flavour, int baseWidth, int workers, TrainingSettings training)
{

	public PretrainingConfig {
		Checks.notNull(mode, "mode");
		Checks.inRange(lambdaRec, 0, 1e6, "lambdaRec");
		Checks.inRange(lambdaCls, 0, 1e6, "lambdaCls");
		Checks.inRange(lambdaPretext, 0, 1e6, "lambdaPretext");
		Checks.notNull(flavour, "flavour");
		Checks.inRange(baseWidth, 1, 256, "width");
		Checks.inRange(workers, 1, 64, "workers");
		Checks.notNull(training, "training");
	}

	/** The reference settings (see the class comment). */
	public static PretrainingConfig defaults() {
		return new PretrainingConfig(PretextMode.TRANSVW, 1, 0.01, 1, Flavour.PYTORCH, 32, 2,
			TrainingSettings.defaults());
	}

	public PretrainingConfig withMode(final PretextMode v) {
		return new PretrainingConfig(v, lambdaRec, lambdaCls, lambdaPretext, flavour, baseWidth,
			workers, training);
	}

	public PretrainingConfig withNetwork(final Flavour f, final int width) {
		return new PretrainingConfig(mode, lambdaRec, lambdaCls, lambdaPretext, f, width, workers,
			training);
	}

	public PretrainingConfig withLambdas(final double rec, final double cls,
		final double pretext)
	{
		return new PretrainingConfig(mode, rec, cls, pretext, flavour, baseWidth, workers,
			training);
	}

	public PretrainingConfig withWorkers(final int threads) {
		return new PretrainingConfig(mode, lambdaRec, lambdaCls, lambdaPretext, flavour, baseWidth,
			threads, training);
	}

	public PretrainingConfig withTraining(final TrainingSettings t) {
		return new PretrainingConfig(mode, lambdaRec, lambdaCls, lambdaPretext, flavour, baseWidth,
			workers, t);
	}

	/**
	 * What besides {@link #training()} determines the weights, JSON-friendly (the resume check
	 * and the bundle's provenance; {@code workers} is left out: the data do not depend on it).
	 */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("mode", mode.key());
		m.put("lambdaRec", lambdaRec);
		m.put("lambdaCls", lambdaCls);
		m.put("lambdaPretext", lambdaPretext);
		m.put("flavour", flavour.name().toLowerCase(Locale.ROOT));
		m.put("baseWidth", baseWidth);
		return m;
	}
}
