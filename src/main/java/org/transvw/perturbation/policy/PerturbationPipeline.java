package org.transvw.perturbation.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Fills training batches with perturbed samples on worker threads: one bounded pool owned by
 * the pipeline (close it with the run), one task per sample, each sample single-threaded
 * inside ({@link Parallelization#runSingleThreaded}).
 * <p>
 * Determinism: sample {@code i} draws from {@code rng.fork(keys[i])}, a stream that depends only
 * on the parent seed and the key, so a batch is identical for every thread count and schedule.
 * Use a key that identifies the sample in the run (e.g. epoch * datasetSize + index).
 * <pre>{@code
 * try (PerturbationPipeline p = new PerturbationPipeline(PerturbationPolicies.byName("transvw"), 4)) {
 *   List<PerturbedSample> batch = p.apply(cubes, rng, firstKey);
 * }
 * }</pre>
 */
public final class PerturbationPipeline implements AutoCloseable {

	private final PerturbationPolicy policy;
	private final ExecutorService executor;

	/**
	 * @param threads worker threads, at least 1 (e.g. the number of cores left to the data)
	 */
	public PerturbationPipeline(final PerturbationPolicy policy, final int threads) {
		this.policy = Checks.notNull(policy, "policy");
		Checks.inRange(threads, 1, 1024, "threads");
		final AtomicInteger n = new AtomicInteger();
		final ThreadFactory factory = r -> {
			final Thread t = new Thread(r, "transvw-perturb-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
		executor = Executors.newFixedThreadPool(threads, factory);
	}

	public PerturbationPolicy policy() {
		return policy;
	}

	/** Sample i uses key {@code firstKey + i}. */
	public List<PerturbedSample> apply(final List<? extends RandomAccessibleInterval<FloatType>> cubes,
		final RandomStreams rng, final long firstKey)
	{
		final long[] keys = new long[cubes.size()];
		for (int i = 0; i < keys.length; i++)
			keys[i] = firstKey + i;
		return apply(cubes, rng, keys);
	}

	/**
	 * Perturbs every cube; sample i draws from {@code rng.fork(keys[i])}. Blocks until the batch
	 * is complete; the first failure is rethrown.
	 *
	 * @throws CancellationException if the calling thread is interrupted
	 */
	public List<PerturbedSample> apply(final List<? extends RandomAccessibleInterval<FloatType>> cubes,
		final RandomStreams rng, final long[] keys)
	{
		Checks.require(keys.length == cubes.size(), "keys", cubes.size() + " keys, got " +
			keys.length);
		final List<Future<PerturbedSample>> futures = new ArrayList<>(cubes.size());
		for (int i = 0; i < keys.length; i++) {
			final RandomAccessibleInterval<FloatType> cube = cubes.get(i);
			final RandomStreams sampleRng = rng.fork(keys[i]);
			futures.add(executor.submit(() -> Parallelization.runSingleThreaded(() -> policy.apply(
				cube, sampleRng))));
		}
		final List<PerturbedSample> batch = new ArrayList<>(futures.size());
		try {
			for (final Future<PerturbedSample> f : futures)
				batch.add(f.get());
		}
		catch (final InterruptedException e) {
			futures.forEach(f -> f.cancel(true));
			Thread.currentThread().interrupt();
			throw new CancellationException("Perturbation of the batch was interrupted");
		}
		catch (final ExecutionException e) {
			futures.forEach(f -> f.cancel(true));
			final Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException("Perturbation failed: " + cause, cause);
		}
		return batch;
	}

	/** Stops the workers; running tasks are interrupted. */
	@Override
	public void close() {
		executor.shutdownNow();
	}
}
