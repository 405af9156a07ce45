package org.transvw.pretraining;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;
import org.transvw.training.LossTerm;
import org.transvw.training.StepResult;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The joint loss against hand-computed values. */
@Category(EngineTests.class)
public class JointLossTest {

	private static final double TOL = 1e-5;

	@Test
	public void transvwIsMsePlusHundredthOfCrossEntropy() {
		EngineSession.engine();
		try (NDManager m = NDManager.newBaseManager()) {
			// setup: 2 samples, 2 voxels each; 3 classes
			final NDList out = new NDList(m.create(new float[] { 0.5f, 1f, 0f, 0f }, new Shape(2, 1,
				2)), m.create(new float[] { 2f, 0f, 0f, 0f, 0f, 1f }, new Shape(2, 3)));
			final NDList labels = new NDList(m.create(new float[] { 0f, 1f, 0f, 1f }, new Shape(2, 1,
				2)), m.create(new int[] { 0, 1 }), m.create(new int[] { -1, -1 }));
			final JointLoss loss = JointLoss.of(PretextMode.TRANSVW, 1, 0.01, 1, 3, 0);
			// process
			final StepResult r = loss.terms(out, labels);
			final Map<String, Double> v = r.terms().stream().collect(Collectors.toMap(
				LossTerm::name, t -> (double) t.value().getFloat()));
			// test: MSE = (0.25 + 0 + 0 + 1) / 4, not half of it
			assertEquals(0.3125, v.get("rec"), TOL);
			final double ce0 = -Math.log(Math.exp(2) / (Math.exp(2) + 2));
			final double ce1 = -Math.log(1 / (2 + Math.exp(1)));
			assertEquals((ce0 + ce1) / 2, v.get("cls"), TOL);
			assertEquals(0.3125 + 0.01 * (ce0 + ce1) / 2, r.total().getFloat(), TOL);
			assertEquals("sample 0 right (argmax 0), sample 1 wrong (argmax 2)", 1, r.correct());
			assertEquals(2, r.counted());
		}
	}

	@Test
	public void addOnModeSplitsTheHeadIntoVisualWordsAndPretextClasses() {
		EngineSession.engine();
		try (NDManager m = NDManager.newBaseManager()) {
			// setup: C = 2 visual words + R = 2 rotation classes in one head of 4 logits
			final NDList out = new NDList(m.zeros(new Shape(1, 1, 2)), m.create(new float[] { 0f, 0f,
				3f, 0f }, new Shape(1, 4)));
			final NDList labels = new NDList(m.zeros(new Shape(1, 1, 2)), m.create(new int[] { 1 }), m
				.create(new int[] { 0 }));
			final JointLoss loss = JointLoss.of(PretextMode.ROTATION_VW, 1, 0.01, 1, 2, 2);
			// process
			final StepResult r = loss.terms(out, labels);
			// test
			assertEquals(4, loss.headClasses());
			assertEquals(2, r.terms().size());
			assertEquals("cls", r.terms().get(0).name());
			assertEquals(Math.log(2), r.terms().get(0).value().getFloat(), TOL);
			assertEquals("pretext", r.terms().get(1).name());
			assertEquals(-Math.log(Math.exp(3) / (Math.exp(3) + 1)), r.terms().get(1).value()
				.getFloat(), TOL);
		}
	}

	@Test
	public void modesSwitchWeightsNotClasses() {
		assertEquals(new JointLoss(1, 0, 0, 0, 0), JointLoss.of(PretextMode.VW_RESTORATION, 1,
			0.01, 1, 44, 0));
		assertEquals(new JointLoss(0, 0.01, 0, 44, 0), JointLoss.of(PretextMode.VW_CLASSIFICATION,
			1, 0.01, 1, 44, 0));
		assertEquals(new JointLoss(1, 0, 0, 0, 0), JointLoss.of(PretextMode.GENESIS, 1, 0.01, 1, 44,
			0));
		assertEquals(new JointLoss(1, 0.01, 0, 44, 0), JointLoss.of(PretextMode.GENESIS_VW, 1, 0.01,
			1, 44, 0));
		assertThrows(IllegalArgumentException.class, () -> PretextMode.of("jigsaw"));
		assertEquals(PretextMode.CONTEXT_RESTORATION_VW, PretextMode.of("Context-Restoration+VW"));
	}
}
