/**
 * Self-discovery of visual words, TransVW stage 1 (paper section III-A; method.md §2):
 * patient features from an auto-encoder trained on whole scans ({@link
 * org.transvw.discovery.FeatureExtractor}, {@link org.transvw.discovery.Resize}), reference
 * patients and their K nearest neighbours ({@link org.transvw.discovery.NearestPatients}), one
 * coordinate per visual word valid in every chosen patient ({@link
 * org.transvw.discovery.CoordinateSampler}, {@link org.transvw.discovery.TissueCriterion}),
 * multi-scale crops ({@link org.transvw.discovery.MultiScaleCropper}), orchestrated by {@link
 * org.transvw.discovery.SelfDiscovery} into a {@code dataset} folder.
 * <p>
 * The reference's bugs are not copied (see docs/discovery.md): the coordinate rejection flag is
 * reset per trial, every chosen patient is checked, short scans are a clear error, all classes
 * are written, every draw is seeded.
 * <p>
 * Core package: may import {@code common}, {@code data}, {@code engine}, {@code network},
 * {@code training}, {@code perturbation} (its Gaussian), ImgLib2, gson and DJL; never ImageJ,
 * AWT/Swing, SciJava UI/commands or the adapters.
 */
package org.transvw.discovery;
