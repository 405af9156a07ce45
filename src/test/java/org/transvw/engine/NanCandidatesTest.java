package org.transvw.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.finetuning.SegmentationLoss;
import org.transvw.network.BatchNorm3d;
import org.transvw.network.BatchNormMode;
import org.transvw.network.ConvBlocks;
import org.transvw.pretraining.JointLoss;
import org.transvw.training.StepResult;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * One reproducer per suspected cause of the sporadic training NaN (issue 18): each drives the
 * project's own layer or loss into its numerical corner and checks that values and gradients
 * stay finite (or that the engine refuses loudly). None produces a NaN; see docs/network.md.
 */
@Category(EngineTests.class)
public class NanCandidatesTest {

	private static boolean finite(final NDArray a) {
		for (final float v : a.toType(DataType.FLOAT32, false).toFloatArray())
			if (!Float.isFinite(v)) return false;
		return true;
	}

	private static float maxAbs(final NDArray a) {
		return a.abs().max().getFloat();
	}

	/** The PyTorch flavour's BN of the U-Net, initialised for {@code s}. */
	private static BatchNorm3d batchNorm(final NDManager m, final Shape s) {
		final BatchNorm3d bn = new BatchNorm3d((int) s.get(1), ConvBlocks.PYTORCH_BN_EPS,
			ConvBlocks.PYTORCH_BN_MOMENTUM, BatchNormMode.BATCH);
		bn.initialize(m, DataType.FLOAT32, s);
		return bn;
	}

	@Test
	public void batchNormOfAConstantChannelStaysFinite() {
		// a channel whose ReLU input died: variance 0, so the gradient is scaled by 1/sqrt(eps)
		EngineSession.engine();
		try (NDManager m = NDManager.newBaseManager()) {
			final Shape s = new Shape(2, 4, 4, 4, 2);
			final BatchNorm3d bn = batchNorm(m, s);
			final NDArray x = m.ones(s).mul(0.7f);
			x.setRequiresGradient(true);
			final NDArray dy = m.randomUniform(-1, 1, s);
			final NDArray y;
			try (GradientCollector gc = m.getEngine().newGradientCollector()) {
				y = bn.forward(new ParameterStore(m, false), new NDList(x), true).head();
				gc.backward(y.mul(dy).sum());
			}
			assertTrue(finite(y));
			assertTrue("normalised constant ~ 0: " + maxAbs(y), maxAbs(y) < 1e-3f);
			final NDArray g = x.getGradient();
			assertTrue(finite(g));
			// gain at most 1/sqrt(eps) = 316 (gamma 1, |dy| <= 1, centred)
			assertTrue("gradient " + maxAbs(g), maxAbs(g) <= 2 / Math.sqrt(ConvBlocks.PYTORCH_BN_EPS));
			assertTrue(finite(bn.getParameters().get("running_var").getArray()));
		}
	}

	@Test
	public void batchNormWithOneValuePerChannelIsRefusedNotNaN() {
		// batch 1 at a 1x1x1 bottleneck (an 8x8x8 patch): libtorch refuses instead of computing
		// the unbiased variance 0/0
		EngineSession.engine();
		try (NDManager m = NDManager.newBaseManager()) {
			final Shape s = new Shape(1, 4, 1, 1, 1);
			final BatchNorm3d bn = batchNorm(m, s);
			try {
				bn.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, s)), true);
				fail("one value per channel accepted");
			}
			catch (final EngineException e) {
				assertTrue(e.getMessage(), e.getMessage().contains(
					"Expected more than 1 value per channel when training"));
			}
		}
	}

	@Test
	public void crossEntropyOfSaturatedLogitsIsFinite() {
		// log(0) in CE: logits 1e4 apart make softmax exactly 0 in float32; log-softmax does not
		EngineSession.engine();
		try (NDManager m = NDManager.newBaseManager()) {
			final NDArray logits = m.create(new float[] { 1e4f, -1e4f, 0, -1e4f, 1e4f, 0 }, new Shape(2,
				3));
			logits.setRequiresGradient(true);
			final NDArray restored = m.zeros(new Shape(2, 1, 2, 2, 2));
			restored.setRequiresGradient(true);
			final JointLoss loss = new JointLoss(1, 0.01, 0, 3, 0);
			final StepResult r;
			try (GradientCollector gc = m.getEngine().newGradientCollector()) {
				// the wrong class for sample 0 (p = e^-2e4 = 0 in float32), the right one for 1
				r = loss.terms(new NDList(restored, logits), new NDList(m.zeros(restored.getShape()), m
					.create(new int[] { 1, 1 })));
				gc.backward(r.total());
			}
			assertEquals(1e4, r.terms().get(1).value().getFloat(), 1);
			assertTrue(finite(logits.getGradient()));
		}
	}

	@Test
	public void segmentationLossAtHardProbabilitiesAndEmptyMasksIsFinite() {
		// log(0) in BCE/CE (probabilities exactly 0 and 1) and Dice with empty target and
		// prediction (denominator 0 without the smoothing term)
		EngineSession.engine();
		try (NDManager m = NDManager.newBaseManager()) {
			for (final int classes : new int[] { 1, 2 }) {
				final SegmentationLoss loss = new SegmentationLoss(classes, 1);
				final Shape s = new Shape(2, classes, 2, 2, 2);
				final float[] hard = new float[(int) s.size()];
				for (int i = 0; i < hard.length; i++)
					hard[i] = i % 3 == 0 ? 1 : 0;
				for (final NDArray p : new NDArray[] { m.create(hard, s), m.zeros(s) }) {
					p.setRequiresGradient(true);
					final NDList t = loss.targets(m.zeros(new Shape(2, 1, 2, 2, 2)));
					final NDArray total;
					try (GradientCollector gc = m.getEngine().newGradientCollector()) {
						total = loss.dice(p, t.get(0), t.get(1)).add(loss.crossEntropy(p, t.get(0), t.get(
							1)));
						gc.backward(total);
					}
					assertTrue(classes + " classes: loss " + total.getFloat(), finite(total));
					assertTrue(finite(p.getGradient()));
				}
			}
		}
	}
}
