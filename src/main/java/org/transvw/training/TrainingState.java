package org.transvw.training;

/**
 * Everything besides the weights that a resumed run needs, stored in each checkpoint as JSON.
 * Adam's moments are deliberately not stored (a resumed run restarts them, as re-creating the
 * optimizer would); the learning rate, schedule and early-stopping memory are.
 *
 * @param epoch the completed epoch these weights belong to
 * @param seed the run seed (a resumed run must use the same)
 * @param initialLearningRate the rate of epoch 1 (StepDecay derives from it)
 * @param schedule {@link LrSchedule#describe()} of the run's schedule
 * @param lr the schedule state for the next epoch
 * @param stopping the early-stopping state
 * @param steps training steps done in total
 */
public record TrainingState(int epoch, long seed, double initialLearningRate, String schedule,
	LrSchedule.State lr, EarlyStopping.State stopping, long steps)
{}
