/**
 * The generic DJL training loop shared by pre-training (self-classification + self-restoration),
 * fine-tuning and the self-discovery feature extractor: Adam, batches from a {@link
 * org.transvw.training.BatchSource}, a {@link org.transvw.training.Step} that returns named,
 * weighted loss terms, validation each epoch, a learning-rate schedule, early stopping, atomic
 * best / last / periodic checkpoints, resume, a per-epoch metrics CSV, progress and cancellation
 * (method.md §§5 and 11 "Training"; STYLE.md examples 8, 12, 13).
 * <p>
 * We own this loop rather than using DJL's {@code EasyTrain}: EasyTrain neither closes a batch
 * when a step fails nor joins its futures, and gives no control over the NDManager scope of a
 * step. Every batch lives in a sub-manager of the model's manager that the loop closes.
 * <p>
 * Core package: may import {@code common}, {@code engine} and DJL; never ImageJ, AWT/Swing,
 * SciJava UI/commands or the adapters. The schedule and early-stopping rules
 * ({@link org.transvw.training.LrSchedule}, {@link org.transvw.training.EarlyStopping}) are pure
 * and tested without the engine.
 */
package org.transvw.training;
