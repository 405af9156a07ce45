package org.transvw.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

import ai.djl.ndarray.NDManager;

/**
 * A {@link BatchSource} that prepares host-side samples (reading cubes from disk, perturbing or
 * augmenting them) on worker threads ahead of the trainer, at most {@code depth} batches ahead,
 * and turns each batch into NDArrays on the trainer's thread.
 * <p>
 * Deterministic: the epoch's order is a shuffle drawn from the epoch stream, and sample
 * {@code i} is prepared with {@code rng.fork("sample").fork(i)}, so the data do not depend on
 * the number of workers or on thread timing. Batches arrive in order. Memory is bounded by
 * {@code depth} batches. Each epoch owns its worker pool and shuts it down on close; a worker's
 * failure is rethrown on the trainer's thread.
 *
 * @param <S> a prepared host-side sample (e.g. a perturbed cube with its target and label)
 */
public final class PrefetchingBatchSource<S> implements BatchSource {

	/** Prepares sample {@code index}; called on worker threads, one stream per call. */
	@FunctionalInterface
	public interface Samples<S> {

		S prepare(int index, RandomStreams rng) throws IOException;
	}

	/** Turns prepared samples into a batch in {@code manager}; called on the trainer's thread. */
	@FunctionalInterface
	public interface Collate<S> {

		TrainingBatch toBatch(NDManager manager, List<S> samples);
	}

	private final int size;
	private final Samples<S> samples;
	private final Collate<S> collate;
	private final int batchSize;
	private final boolean shuffle;
	private final int workers;
	private final int depth;

	/**
	 * @param size number of samples; an epoch visits each once
	 * @param batchSize samples per batch; a smaller last batch is kept
	 * @param shuffle draw a new order per epoch (training) or keep index order (validation)
	 * @param workers worker threads (>= 1)
	 * @param depth batches prepared ahead (>= 1)
	 */
	public PrefetchingBatchSource(final int size, final Samples<S> samples,
		final Collate<S> collate, final int batchSize, final boolean shuffle, final int workers,
		final int depth)
	{
		this.size = Checks.positive(size, "number of samples");
		this.samples = Checks.notNull(samples, "samples");
		this.collate = Checks.notNull(collate, "collate");
		this.batchSize = Checks.positive(batchSize, "batch size");
		this.shuffle = shuffle;
		this.workers = Checks.positive(workers, "data workers");
		this.depth = Checks.positive(depth, "prefetch depth");
	}

	@Override
	public int batchesPerEpoch() {
		return (size + batchSize - 1) / batchSize;
	}

	@Override
	public Epoch open(final int epoch, final RandomStreams rng) {
		final int[] order = new int[size];
		for (int i = 0; i < size; i++)
			order[i] = i;
		if (shuffle) rng.fork("order").shuffle(order);
		return new PrefetchEpoch(order, rng.fork("sample"));
	}

	private final class PrefetchEpoch implements Epoch {

		private final int[] order;
		private final RandomStreams sampleRng;
		private final ExecutorService pool;
		private final Deque<Future<List<S>>> pending = new ArrayDeque<>();
		private int submitted;

		PrefetchEpoch(final int[] order, final RandomStreams sampleRng) {
			this.order = order;
			this.sampleRng = sampleRng;
			this.pool = Executors.newFixedThreadPool(workers, daemonThreads());
			while (pending.size() < depth && submitNext()) {
				// fill the pipeline
			}
		}

		private boolean submitNext() {
			final int from = submitted * batchSize;
			if (from >= order.length) return false;
			final int to = Math.min(order.length, from + batchSize);
			submitted++;
			pending.add(pool.submit(() -> {
				final List<S> batch = new ArrayList<>(to - from);
				for (int p = from; p < to; p++)
					batch.add(samples.prepare(order[p], sampleRng.fork(order[p])));
				return batch;
			}));
			return true;
		}

		@Override
		public TrainingBatch next(final NDManager manager) throws InterruptedException {
			final Future<List<S>> head = pending.poll();
			if (head == null) return null;
			final List<S> batch;
			try {
				batch = head.get();
			}
			catch (final ExecutionException e) {
				final Throwable c = e.getCause();
				if (c instanceof IOException) throw new UncheckedIOException((IOException) c);
				if (c instanceof RuntimeException) throw (RuntimeException) c;
				if (c instanceof Error) throw (Error) c;
				throw new IllegalStateException("data worker failed: " + c, c);
			}
			submitNext();
			return collate.toBatch(manager, batch);
		}

		@Override
		public void close() {
			pending.forEach(f -> f.cancel(true));
			pending.clear();
			pool.shutdownNow();
			try {
				pool.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static ThreadFactory daemonThreads() {
		final AtomicInteger n = new AtomicInteger();
		return r -> {
			final Thread t = new Thread(r, "transvw-data-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}
}
