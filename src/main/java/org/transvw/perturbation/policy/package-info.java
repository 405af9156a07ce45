/**
 * Named perturbation policies of TransVW's self-restoration (paper §III-B; method.md §3): which
 * transforms of {@code org.transvw.perturbation} a training sample goes through, with which
 * probabilities, and what the restoration target and pretext label are.
 * <ul>
 * <li>{@code transvw} (default): the released code, elastic always, then exactly one of
 * shuffle / non-linear / in-paint / out-paint at 1/4 each (method.md §3.1).</li>
 * <li>{@code genesis}: Models Genesis' generator, flip + gated transforms (method.md §3.2).</li>
 * <li>{@code paper}: the paper's text, one of the Models Genesis transforms or identity.</li>
 * <li>{@code rotation}, {@code inpainting}, {@code context-restoration}, {@code identity}: the
 * pretext tasks of the add-on experiments.</li>
 * </ul>
 * Every policy separates drawing a {@link org.transvw.perturbation.policy.Plan} from applying it.
 * {@link org.transvw.perturbation.policy.PerturbationPolicies} is the one lookup by name (policies
 * and single transforms). Batches are filled on worker threads by the training data loader
 * ({@code training.PrefetchingBatchSource}, one forked stream per sample); policies are
 * thread-safe for that.
 * <p>
 * Core package: imports ImgLib2, {@code org.transvw.common} and
 * {@code org.transvw.perturbation} only; no UI, no DJL.
 */
package org.transvw.perturbation.policy;
