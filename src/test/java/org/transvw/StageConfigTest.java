package org.transvw;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.transvw.discovery.ExtractorSettings;
import org.transvw.discovery.SelfDiscoveryConfig;
import org.transvw.finetuning.ClassificationFineTuneConfig;
import org.transvw.finetuning.SegmentationFineTuneConfig;
import org.transvw.pretraining.PretrainingConfig;
import org.transvw.training.LrSchedule;
import org.transvw.training.TrainingSettings;

/**
 * Every training stage's configuration contains the shared {@link TrainingSettings} exactly once
 * and restates none of its fields, and the stage defaults are the documented ones.
 */
public class StageConfigTest {

	/** Names the shared settings' fields have, or had when each stage restated them. */
	private static final Set<String> SHARED = Set.of("learningRate", "rate", "lr", "maxEpochs",
		"epochs", "batch", "batchSize", "patience", "schedule", "seed", "checkpointEvery", "every",
		"fresh", "resume");

	private static final List<Class<? extends Record>> STAGES = List.of(PretrainingConfig.class,
		SegmentationFineTuneConfig.class, ClassificationFineTuneConfig.class,
		ExtractorSettings.class);

	@Test
	public void eachStageConfigContainsTheSharedSettingsOnce() {
		for (final Class<? extends Record> c : STAGES) {
			final RecordComponent[] rc = c.getRecordComponents();
			assertEquals(c.getSimpleName(), 1, Arrays.stream(rc).filter(r -> r
				.getType() == TrainingSettings.class).count());
			for (final RecordComponent r : rc)
				assertFalse(c.getSimpleName() + "." + r.getName() + " restates a training setting",
					SHARED.contains(r.getName()));
		}
		// NB: self-discovery's one seed is its own (the auto-encoder trains with it)
		assertTrue(Arrays.stream(SelfDiscoveryConfig.class.getRecordComponents()).noneMatch(
			r -> r.getType() == TrainingSettings.class));
		for (final Method m : SegmentationFineTuneConfig.Builder.class.getDeclaredMethods())
			assertFalse("Builder." + m.getName(), SHARED.contains(m.getName()));
	}

	@Test
	public void stageMapsLeaveTheSharedSettingsToTheRun() {
		final int[] cube = { 64, 64, 32 };
		for (final Map<String, Object> m : List.of(PretrainingConfig.defaults().toMap(),
			SegmentationFineTuneConfig.builder(cube).build().toMap(), ClassificationFineTuneConfig
				.defaults(cube).toMap()))
			for (final String k : m.keySet())
				assertFalse(k, SHARED.contains(k) || k.equals("training"));
	}

	@Test
	public void stageDefaultsAreTheReferenceValues() {
		final TrainingSettings pre = PretrainingConfig.defaults().training();
		assertEquals(TrainingSettings.defaults(), pre);
		assertEquals(new TrainingSettings(1e-3, 10_000, 8, 50, new LrSchedule.StepDecay(40, 0.5), 1,
			0, false), pre);
		final LrSchedule plateau6 = new LrSchedule.Plateau(6, 0.5, 1e-4, 1e-6);
		assertEquals(new TrainingSettings(1e-3, 100, 2, 20, plateau6, 1, 0, false),
			SegmentationFineTuneConfig.builder(new int[] { 64, 64, 32 }).build().training());
		assertEquals(new TrainingSettings(1e-3, 100, 8, 10, plateau6, 1, 0, false),
			ClassificationFineTuneConfig.defaults(new int[] { 64, 64, 32 }).training());
		assertEquals(new TrainingSettings(1e-3, 10_000, 8, 50, new LrSchedule.Plateau(20, 0.5, 1e-4,
			1e-6), 1, 0, false), ExtractorSettings.defaults().training());
	}
}
