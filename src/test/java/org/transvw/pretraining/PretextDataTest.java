package org.transvw.pretraining;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.RandomStreams;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDataset;
import org.transvw.engine.EngineSession;
import org.transvw.engine.Tensors;
import org.transvw.perturbation.policy.PerturbationPolicies;
import org.transvw.perturbation.policy.PerturbationPolicy;
import org.transvw.perturbation.policy.PerturbedSample;
import org.transvw.training.BatchSource;
import org.transvw.training.TrainingBatch;

import ai.djl.ndarray.NDManager;

/**
 * The dataset-to-batch path of pre-training gives exactly the policy's perturbed input and
 * target in tensor order, whether the target is the stored record itself ({@code transvw}: no
 * augmentation) or an augmented copy ({@code genesis}: flips).
 */
@Category(EngineTests.class)
public class PretextDataTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void batchesHoldThePolicysSamplesInTensorOrder() throws Exception {
		final int[] dims = { 16, 16, 8 };
		final Path ds = SyntheticVisualWords.write(tmp.newFolder().toPath(), dims, 1, 1, 9);
		final int voxels = 16 * 16 * 8;
		EngineSession.engine();
		try (CubeSource data = VisualWordCubes.open(ds); VisualWordDataset raw = VisualWordDataset
			.open(ds); NDManager m = NDManager.newBaseManager())
		{
			final int n = data.size(Split.VALIDATION);
			for (final String name : new String[] { "transvw", "genesis" }) {
				final PerturbationPolicy policy = PerturbationPolicies.byName(name);
				final RandomStreams epoch = RandomStreams.seeded(5);
				// process: the validation batches (index order) of one epoch
				final BatchSource source = PretextData.batches(data, Split.VALIDATION, policy, n, 1);
				final TrainingBatch b;
				try (BatchSource.Epoch e = source.open(1, epoch)) {
					b = e.next(m);
				}
				// test: sample i is the policy applied with the stream fork("sample").fork(i)
				final float[] input = b.inputs().head().toFloatArray();
				final float[] target = b.labels().head().toFloatArray();
				assertEquals(n * voxels, input.length);
				for (int i = 0; i < n; i++) {
					final PerturbedSample s = policy.apply(data.cube(Split.VALIDATION, i), epoch.fork(
						"sample").fork(i));
					assertArrayEquals(name + " input " + i, Tensors.toTensor(m, s.input()).toFloatArray(),
						java.util.Arrays.copyOfRange(input, i * voxels, (i + 1) * voxels), 0f);
					assertArrayEquals(name + " target " + i, Tensors.toTensor(m, s.target())
						.toFloatArray(), java.util.Arrays.copyOfRange(target, i * voxels, (i + 1) * voxels),
						0f);
					if (name.equals("transvw")) {
						final float[] record = new float[voxels];
						raw.read(Split.VALIDATION, i, record, 0);
						assertArrayEquals("the stored record is the target", record, java.util.Arrays
							.copyOfRange(target, i * voxels, (i + 1) * voxels), 0f);
					}
				}
			}
		}
	}
}
