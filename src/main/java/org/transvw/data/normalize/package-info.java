/**
 * Data stage, the normalisation policy (method.md §2.1): which {@link org.transvw.data.IntensityRecipe}
 * a volume gets for a model, and the one replay that every stage calls
 * ({@link org.transvw.data.normalize.Normalizations#forModel}); modality defaults live here too.
 * <p>
 * Why the recipes themselves live in {@code org.transvw.data}: a {@link org.transvw.data.Volume}
 * records the {@link org.transvw.data.IntensityMap} applied to its pixels, and a sealed type must
 * sit in the package of its cases (no named module), so the recipe algebra is part of
 * {@code data}; this package holds the decisions on top of it. {@code data} never imports this
 * package, so the two form no import cycle ({@code ArchitectureTest} checks it).
 * <p>
 * Core package: imports {@code org.transvw.common}, {@code org.transvw.data} and ImgLib2 only;
 * never {@code ij}, AWT/Swing, SciJava UI/commands or {@code ai.djl}.
 */
package org.transvw.data.normalize;
