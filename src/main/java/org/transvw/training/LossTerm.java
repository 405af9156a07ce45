package org.transvw.training;

import org.transvw.common.Checks;

import ai.djl.ndarray.NDArray;

/**
 * One named component of a step's loss: a scalar {@code value} (unweighted, e.g. the MSE) and its
 * {@code weight} in the total. The loop logs the running mean of each unweighted value under
 * {@code name}; terms with weight 0 are logged but do not enter the total (nor the gradient).
 * STYLE.md example 13 (e.g. "rec" weight lambda_rec = 1, "cls" weight lambda_cls = 0.01).
 */
public record LossTerm(String name, double weight, NDArray value) {

	public LossTerm {
		Checks.require(name != null && name.matches("[a-z][a-z0-9_]*"), "loss term name",
			"lower-case letters, digits and '_', got '" + name + "'");
		Checks.require(weight >= 0 && Double.isFinite(weight), "loss weight " + name,
			"a finite value >= 0, got " + weight);
		Checks.notNull(value, "loss value " + name);
	}
}
