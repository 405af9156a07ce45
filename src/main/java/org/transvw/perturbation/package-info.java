/**
 * The perturbation g(.) of TransVW's self-restoration (paper §III-B; method.md §3): every transform
 * as a pure function on ImgLib2 {@code FloatType} images with values in [0, 1], for 3D cubes
 * (x, y, z) and 2D patches (x, y), plus the pretext transforms of the add-on experiments
 * (rotation, context swap) and the filters they need ({@link org.transvw.perturbation.Gaussian},
 * linear interpolation with scipy's 'reflect' boundary).
 * <p>
 * Design (STYLE.md example 5): each {@link org.transvw.perturbation.Perturbation} separates
 * {@code draw(rng, dims) -> Params} (a record, asserted on by tests) from
 * {@code apply(params, in) -> out}; replaying a Params record gives a bit-identical result.
 * Large random fields (noise fills, elastic fields, shuffle permutations) are recorded as a
 * seed in the Params, not as arrays. Inputs are never modified. Work happens on {@code float[]}
 * buffers ({@link org.transvw.perturbation.FloatCube}) wrapped as ArrayImgs: no per-voxel
 * objects.
 * <p>
 * Core package: imports ImgLib2 and {@code org.transvw.common} only; never {@code ij}, AWT,
 * Swing, SciJava UI/commands or DJL. Threads come from ImgLib2's {@code Parallelization}.
 */
package org.transvw.perturbation;
