package org.transvw.training;

import java.io.Serializable;
import java.util.List;

/**
 * A run refused to resume: its checkpoint folder holds a run of another configuration
 * ({@link TrainingRun.Builder#start()}). The message names every key that differs with its old
 * and new value, e.g. {@code training.learningRate was 0.001, now 0.002}; {@link #differences()}
 * gives them one by one, so that an adapter can name them in its own words (a command: its macro
 * keys). A fresh start ({@link TrainingSettings#fresh()}) replaces the old run's checkpoints.
 */
public final class ResumeMismatchException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/** One configuration key whose value differs from the checkpointed run's. */
	public record Difference(String key, String before, String now) implements Serializable {

		/** "key was A, now B" (an absent value reads "none"). */
		@Override
		public String toString() {
			return key + " was " + (before == null ? "none" : before) + ", now " + (now == null
				? "none" : now);
		}
	}

	private final String checkpointDir;
	private final List<Difference> differences;

	ResumeMismatchException(final String checkpointDir, final List<Difference> differences) {
		super("resume: expected the configuration of the run checkpointed in " + checkpointDir +
			" (or a fresh start, which replaces its checkpoints), but " + String.join("; ",
				differences.stream().map(Difference::toString).toList()));
		this.checkpointDir = checkpointDir;
		this.differences = List.copyOf(differences);
	}

	/** The folder holding the other run's checkpoints. */
	public String checkpointDir() {
		return checkpointDir;
	}

	/** The differing keys, sorted by key. */
	public List<Difference> differences() {
		return differences;
	}
}
