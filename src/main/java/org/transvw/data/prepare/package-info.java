/**
 * Data stage, the one preparation of a model's inputs (method.md §2.1): from raw volumes to what
 * a network sees, the same way in self-discovery, pre-training data, fine-tuning, inference and
 * evaluation. {@link org.transvw.data.prepare.InputOptions} holds the user's choices (the shared
 * keys {@code modality}, {@code normalization}, {@code window}, {@code spacing}, {@code voxel},
 * {@code crop}); {@link org.transvw.data.prepare.InputPlan} decides, for a collection and an
 * optional bundle, the modality, the intensity recipe and the target spacing, each with the
 * reason that is logged, and prepares every volume: geometry step
 * ({@link org.transvw.data.geometry.GeometryPlan}: RAS, optional crop, resampling), then the
 * recipe ({@link org.transvw.data.normalize.Normalizations#forModel}).
 * <p>
 * Core package: imports {@code org.transvw.common}, {@code org.transvw.data} and its
 * {@code geometry}, {@code normalize} and {@code io} sub-packages, and ImgLib2; none of them
 * imports this one. Never {@code ij}, AWT/Swing, SciJava UI/commands or {@code ai.djl}.
 */
package org.transvw.data.prepare;
