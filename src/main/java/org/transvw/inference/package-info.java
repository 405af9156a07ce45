/**
 * Sliding-window segmentation of whole volumes (the inference stage after fine-tuning; method.md
 * §6, following nnU-Net's tiling): pure tile geometry ({@link org.transvw.inference.TileGrid},
 * {@link org.transvw.inference.BlendWeights}), a {@link org.transvw.inference.Predictor} per batch of
 * tiles, a Gaussian-weighted {@link org.transvw.inference.WeightedMerger}, and the
 * {@link org.transvw.inference.SlidingWindowSegmenter} that joins them. Only
 * {@link org.transvw.inference.ModelPredictor} touches DJL, through {@code engine.Tensors}.
 * <p>
 * Splitter + predictor + merger (MONAI's PatchInferer, Labkit's per-cell operation): the geometry
 * and the merger are tested engine-free with identity and constant predictors.
 * <p>
 * Core package: ImgLib2, DJL (adapter only), {@code common}, {@code data}, {@code engine},
 * {@code network}; no UI.
 */
package org.transvw.inference;
