package org.transvw.command;

import org.scijava.plugin.Parameter;
import org.transvw.common.Checks;

/**
 * A command that trains a network: the shared training parameters (base width, seed, epochs,
 * batch, learning rate, patience) spelled and explained once. Each command sets its own
 * defaults in an instance initializer, e.g. {@code { epochs = 10_000; patience = 50; }}.
 */
public abstract class TrainingCommand extends EngineCommand {

	@Parameter(label = "Width (base) of the U-Net", min = "1", max = "256", persist = false,
		description = "Filters of the first convolution of a network built by this command (32 = " +
			"the paper's); a pre-trained bundle brings its own")
	protected int width = 32;

	@Parameter(label = SharedParameters.SEED_LABEL, persist = false,
		description = SharedParameters.SEED_DESCRIPTION)
	protected long seed = 1;

	@Parameter(label = "Epochs (maximum)", min = "1", max = "1000000", persist = false,
		description = "Upper bound on epochs; early stopping usually ends sooner")
	protected int epochs = 100;

	@Parameter(label = "Batch size (per training step)", min = "1", max = "4096", persist = false,
		description = "Samples (cubes, patches or scans) per training step")
	protected int batch = 8;

	@Parameter(label = "Lr: initial learning rate (Adam)", persist = false,
		description = "Adam's initial learning rate (the reference's 1e-3)")
	protected double lr = 1e-3;

	@Parameter(label = "Patience (epochs) of early stopping", min = "1", max = "1000000",
		persist = false, description = "Stop after so many epochs without a lower validation loss")
	protected int patience = 20;

	/** Checks the shared training parameters; each message names its key and range. */
	protected final void checkTraining() {
		Checks.inRange(width, 1, 256, "width");
		Checks.inRange(epochs, 1, 1_000_000, "epochs");
		Checks.inRange(batch, 1, 4096, "batch");
		Checks.inRange(patience, 1, 1_000_000, "patience");
		Checks.require(lr > 0 && lr <= 10 && Double.isFinite(lr), "lr",
			"a learning rate in (0, 10], got " + lr);
	}
}
