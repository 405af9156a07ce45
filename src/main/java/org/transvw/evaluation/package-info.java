/**
 * Evaluation of transfer results (paper section IV; method.md §6, "Metrics"): Dice and
 * binary IoU at 0.5 pooled over a test set, the Models Genesis 2-class threshold-averaged
 * "mean_iou", and ROC AUC by the trapezoidal rule, per case and pooled, as plain records plus a
 * CSV writer.
 * <p>
 * Core package: imports ImgLib2 and {@code org.transvw.common}/{@code data} only; no DJL, no UI.
 */
package org.transvw.evaluation;
