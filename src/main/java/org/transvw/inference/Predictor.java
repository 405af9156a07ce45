package org.transvw.inference;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Predicts one batch of tiles: each input tile has axes (x, y, z) and the tile size; each output
 * has axes (x, y, z, c) with the same spatial size and one channel per output class
 * (probabilities). The segmenter decides the batch size, so an implementation holds at most one
 * batch on its device.
 * <p>
 * Inputs may be views (mirror-padded, flipped); implementations copy what they need and must not
 * keep references after returning.
 */
@FunctionalInterface
public interface Predictor {

	List<RandomAccessibleInterval<FloatType>> predict(
		List<RandomAccessibleInterval<FloatType>> tiles);
}
