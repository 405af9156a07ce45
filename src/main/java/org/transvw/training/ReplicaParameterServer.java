package org.transvw.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterServer;
import ai.djl.training.optimizer.Optimizer;

/**
 * The parameter server of data-parallel training: the gradients of all replicas of a parameter
 * are summed on the first replica's device, the optimiser updates the first replica once, and
 * the result is copied into the other replicas; every replica's gradient is then zeroed.
 * <p>
 * Why not DJL's {@code LocalParameterServer}: it calls the optimiser once per replica, so Adam's
 * step count advances once per device per step and the replicas get different bias
 * corrections (and so different weights) from the first step on. Here one update per step
 * keeps the replicas identical and the count exact, and one device is the same single-device
 * update as before.
 */
final class ReplicaParameterServer implements ParameterServer {

	private static final NDIndex ALL = new NDIndex("...");

	private final Optimizer optimizer;

	ReplicaParameterServer(final Optimizer optimizer) {
		this.optimizer = optimizer;
	}

	@Override
	public void init(final String parameterId, final NDArray[] value) {}

	/**
	 * @param grads the gradient of each replica
	 * @param weights the replicas, the first one the model's parameter
	 */
	@Override
	public void update(final String parameterId, final NDArray[] grads, final NDArray[] weights) {
		final NDArray first = weights[0];
		try (NDArray sum = grads[0].duplicate()) {
			for (int i = 1; i < grads.length; i++)
				try (NDArray g = grads[i].toDevice(sum.getDevice(), true)) {
					sum.addi(g);
				}
			optimizer.update(parameterId, first, sum);
		}
		for (int i = 1; i < weights.length; i++)
			try (NDArray w = first.toDevice(weights[i].getDevice(), true)) {
				weights[i].set(ALL, w);
			}
		for (final NDArray g : grads) {
			g.subi(g);
			g.close();
		}
	}

	@Override
	public void close() {}
}
