package org.transvw.training;

import org.transvw.common.RandomStreams;

import ai.djl.ndarray.NDManager;

/**
 * Where the training loop gets its batches, one {@link Epoch} at a time.
 * <p>
 * Contract: {@link #open(int, RandomStreams)} depends only on the epoch number and the given
 * stream (order, perturbations), never on earlier epochs, so that a run resumed at epoch e sees
 * exactly the batches an uninterrupted run would have seen. An implementation may prepare
 * samples on worker threads ahead of the trainer (see {@link PrefetchingBatchSource}); it must
 * create NDArrays only in {@link Epoch#next(NDManager)}, on the trainer's thread, in the
 * manager given there.
 */
public interface BatchSource {

	/** Batches per epoch (used for progress and ETA); at least 1. */
	int batchesPerEpoch();

	/**
	 * Starts epoch {@code epoch} (1-based).
	 *
	 * @param rng this epoch's stream, already forked by the loop from the run seed
	 */
	Epoch open(int epoch, RandomStreams rng);

	/** The batches of one epoch. Closing it stops any workers it started. */
	interface Epoch extends AutoCloseable {

		/**
		 * The next batch with its arrays created in {@code manager}, or {@code null} at the end
		 * of the epoch. May block while workers prepare data; the loop counts that time as data
		 * wait.
		 *
		 * @throws InterruptedException if the waiting thread was interrupted
		 */
		TrainingBatch next(NDManager manager) throws InterruptedException;

		@Override
		void close();
	}
}
