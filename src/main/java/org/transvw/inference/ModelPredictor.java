package org.transvw.inference;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.engine.Tensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The DJL {@link Predictor}: stacks a batch of tiles into an (N, 1, X, Y, Z) tensor (2D tiles:
 * (N, 1, X, Y)) with
 * {@link Tensors}, runs the block's forward pass (inference mode; the network's own output
 * activation gives the probabilities, and its batch-norm mode decides batch or running
 * statistics), and copies the first output (N, C, X, Y[, Z]) back per tile as (x, y[, z], c).
 * <p>
 * Every array of a batch lives in a sub-manager of {@code manager} that is closed before
 * returning, so the device holds one batch at a time. {@code manager} must be on the block's
 * device (e.g. {@code model.getNDManager()}). Not thread-safe.
 */
public final class ModelPredictor implements Predictor {

	private final Block block;
	private final NDManager manager;
	private long forwardNanos;

	public ModelPredictor(final Block block, final NDManager manager) {
		this.block = Checks.notNull(block, "block");
		this.manager = Checks.notNull(manager, "manager");
	}

	@Override
	public List<RandomAccessibleInterval<FloatType>> predict(
		final List<RandomAccessibleInterval<FloatType>> tiles)
	{
		try (NDManager m = manager.newSubManager()) {
			final NDArray x = Tensors.stack(m, tiles);
			final long t0 = System.nanoTime();
			final NDArray seg = block.forward(new ParameterStore(m, false), new NDList(x), false)
				.get(0);
			final long channels = seg.getShape().get(1);
			final int rank = tiles.get(0).numDimensions() + 2;
			Checks.require(seg.getShape().dimension() == rank && seg.getShape().get(0) == tiles.size(),
				"network output", "shape (N, C, X, Y" + (rank == 5 ? ", Z" : "") + ") with N = " + tiles
					.size() + ", got " + seg.getShape());
			final List<RandomAccessibleInterval<FloatType>> out = new ArrayList<>();
			for (int n = 0; n < tiles.size(); n++) {
				final List<RandomAccessibleInterval<FloatType>> perChannel = new ArrayList<>();
				for (int c = 0; c < channels; c++) {
					final Img<FloatType> img = Tensors.toImg(seg.get(n + ":" + (n + 1) + "," + c + ":" +
						(c + 1)), 0, 0);
					perChannel.add(img);
				}
				out.add(Views.stack(perChannel));
			}
			forwardNanos += System.nanoTime() - t0;
			return out;
		}
	}

	/** Wall time spent in forward passes and output copies so far, in nanoseconds. */
	public long forwardNanos() {
		return forwardNanos;
	}
}
