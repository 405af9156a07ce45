/**
 * One training run for every stage: pre-training (self-classification + self-restoration),
 * fine-tuning and the self-discovery auto-encoder (method.md §§2.2, 5, 6 and 11 "Training";
 * STYLE.md examples 8, 12, 13). Each stage configuration contains one
 * {@link org.transvw.training.TrainingSettings}; each trainer builds its network, data
 * ({@link org.transvw.training.BatchSource}) and {@link org.transvw.training.Step} (named,
 * weighted loss terms from {@link org.transvw.training.Losses}) and hands them to a
 * {@link org.transvw.training.TrainingRun}, which starts and seeds the engine, owns the
 * checkpoint folder (atomic best / last / periodic checkpoints, metrics CSV, stale temporaries),
 * resumes only a run of the same configuration or starts fresh, runs the epoch loop (Adam,
 * validation each epoch, learning-rate schedule, early stopping, progress, cancellation) and
 * records provenance and the bundle.
 * <p>
 * We own the loop rather than using DJL's {@code EasyTrain}: EasyTrain neither closes a batch
 * when a step fails nor joins its futures, and gives no control over the NDManager scope of a
 * step. Every batch lives in a sub-manager of the model's manager that the loop closes.
 * <p>
 * Core package: may import {@code common}, {@code data.io} (the output-folder guard of bundles),
 * {@code network} (bundles), {@code engine} and DJL;
 * never ImageJ, AWT/Swing, SciJava UI/commands, the stages or the adapters. The schedule and
 * early-stopping rules ({@link org.transvw.training.LrSchedule},
 * {@link org.transvw.training.EarlyStopping}) and the canonical configuration are pure and
 * tested without the engine.
 */
package org.transvw.training;
