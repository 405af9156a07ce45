/**
 * Data stage: medical volumes as ImgLib2 images with their geometry ({@link org.transvw.data.Volume}),
 * the typed intensity recipes a volume, a dataset and a bundle record
 * ({@link org.transvw.data.IntensityRecipe}, resolved per volume to an
 * {@link org.transvw.data.IntensityMap}; method.md §2.1), view materialisation
 * ({@link org.transvw.data.FloatImages}), collections and readers/writers ({@code data.io}), the
 * normalisation policy and its one replay ({@code data.normalize}) and the procedural chest-CT
 * phantom ({@code data.phantom}).
 * <p>
 * Imports {@code org.transvw.common} and ImgLib2 only, none of its sub-packages (they build on
 * it: no import cycle). Core package: never imports {@code ij}, AWT/Swing, SciJava UI/commands
 * or {@code ai.djl}.
 */
package org.transvw.data;
