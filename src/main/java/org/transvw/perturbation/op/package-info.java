/**
 * The perturbation transforms as SciJava plugins of the project's own op type
 * {@link org.transvw.perturbation.op.PerturbationOp} (imagej-ops cannot be built here), in the
 * spirit of Labkit's SegmentationPlugin: one {@code @Plugin(type = PerturbationOp.class, name =
 * "transvw.<transform>")} per transform, typed public parameters with the method defaults, no logic
 * of their own (they delegate to {@code org.transvw.perturbation}). They are found through the
 * {@code PluginService}; their names are those of the one transform registry,
 * {@link org.transvw.perturbation.Transforms} (a test keeps both equal), so code that needs a
 * transform by name with its defaults asks {@code Transforms} or {@code PerturbationPolicies}, not
 * the plugin index.
 * <p>
 * Thin package: imports {@code org.scijava.plugin}, ImgLib2 and the perturbation core; no UI,
 * no commands, no DJL.
 */
package org.transvw.perturbation.op;
