package org.transvw.training;

import java.util.Map;

/**
 * Everything besides the weights that a resumed run needs, stored in each checkpoint as JSON.
 * Adam's moments are deliberately not stored (a resumed run restarts them, as re-creating the
 * optimizer would); the learning rate, schedule and early-stopping memory are.
 *
 * @param epoch the completed epoch these weights belong to
 * @param initialLearningRate the rate of epoch 1 (StepDecay derives from it)
 * @param lr the schedule state for the next epoch
 * @param stopping the early-stopping state
 * @param steps training steps done in total
 * @param configuration the canonical configuration of the run that wrote the checkpoint (see
 *          {@link TrainingRun}); a run resumes only with an equal one. Null in checkpoints of
 *          versions before it was recorded
 */
public record TrainingState(int epoch, double initialLearningRate, LrSchedule.State lr,
	EarlyStopping.State stopping, long steps, Map<String, String> configuration)
{}
