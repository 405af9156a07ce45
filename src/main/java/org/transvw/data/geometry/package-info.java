/**
 * Geometry step, before self-discovery, pre-training, fine-tuning and inference. The reference
 * resamples nothing (method.md §2.1: native LUNA16 grids); this step is ours, after nnU-Net, so
 * that collections of mixed spacing and orientation work: every volume is brought to one canonical orientation (RAS, by
 * exact axis permutations and flips), optionally cropped to its foreground, and resampled to one
 * target spacing (the collection's median by default, anisotropy-aware as nnU-Net), with a
 * recorded {@link org.transvw.data.geometry.GeometryPlan} whose inverse puts predictions back on
 * the input's own grid. Also the bad-input checks of geometry
 * ({@link org.transvw.data.geometry.GeometryChecks}).
 * <p>
 * Conventions: {@code world = origin + direction * diag(spacing) * index} (NIfTI RAS+, mm), the
 * world point of a voxel is its centre, and a grid covers the box of its voxels' cells; resampling
 * keeps that box ({@link org.transvw.data.geometry.Resampling}).
 * <p>
 * Core package: ImgLib2 core only (the sampling is written here: no imglib2-realtransform or
 * imglib2-algorithm); never imports {@code ij}, AWT/Swing, SciJava UI/commands, {@code ai.djl} or
 * {@code org.transvw.data.io} (readers may use this package, not the reverse).
 */
package org.transvw.data.geometry;
