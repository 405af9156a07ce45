package org.transvw.training;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.Test;
import org.transvw.network.Flavour;

/** The canonical configuration and the names of a run's own files, without the engine. */
public class RunConfigurationTest {

	@Test
	public void nestedMapsBecomeSortedDottedKeysWithOneSpellingPerValue() {
		// setup
		final Map<String, Object> training = new LinkedHashMap<>(TrainingSettings.defaults()
			.toMap());
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("stage", "pre-training");
		m.put("training", training);
		m.put("network", Map.of("baseWidth", 8, "flavour", Flavour.KERAS));
		m.put("patch", List.of(64, 64, 32));
		m.put("grid", new int[] { 16, 8 });
		m.put("weight", 0.01f);
		m.put("absent", null);
		// process
		final SortedMap<String, String> c = RunConfiguration.canonical(m);
		// test
		final SortedMap<String, String> expected = new TreeMap<>(Map.of("stage", "pre-training",
			"training.learningRate", "0.001", "training.batch", "8", "training.schedule",
			"step:40:0.5", "training.seed", "1", "network.baseWidth", "8", "network.flavour", "KERAS",
			"patch", "[64, 64, 32]", "grid", "[16, 8]", "weight", Double.toString(0.01f)));
		assertEquals(expected, c);
		for (final String k : RunConfiguration.MAY_CHANGE_ON_RESUME)
			assertFalse(k, c.containsKey(k));
	}

	@Test
	public void differencesNameOldAndNewValueOfEveryKey() {
		final Map<String, String> before = Map.of("a", "1", "b", "x", "c", "same");
		final Map<String, String> now = Map.of("a", "2", "c", "same", "d", "new");
		assertEquals(List.of("a was 1, now 2", "b was x, now none", "d was none, now new"),
			RunConfiguration.differences(before, now));
		assertTrue(RunConfiguration.differences(now, now).isEmpty());
	}

	@Test
	public void onlyTheRunsOwnNamesAreItsFilesAndTemporaries() {
		for (final String own : List.of("last.ckpt", "best.ckpt", "metrics.csv", "epoch-0040.ckpt",
			"epoch-12345.ckpt"))
			assertTrue(own, CheckpointFolder.isOwnFile(own));
		for (final String other : List.of("last.ckpt.bak", "epoch-40.ckpt", "notes.txt",
			"mylast.ckpt", "last.ckpt4711.tmp"))
			assertFalse(other, CheckpointFolder.isOwnFile(other));
		for (final String tmp : List.of("last.ckpt4711.tmp", "best.ckpt.tmp", ".metrics.csv.tmp",
			"epoch-0040.ckpt-a1b2.tmp", "metrics.csv_12.tmp"))
			assertTrue(tmp, CheckpointFolder.isOwnTemporary(tmp));
		for (final String other : List.of("other.tmp", "last.ckpt.tmp.keep", "mylast.ckpt1.tmp",
			"last.ckpt", "weights.params.tmp", "last.ckpt/x.tmp", "metrics.csv..tmp"))
			assertFalse(other, CheckpointFolder.isOwnTemporary(other));
	}
}
