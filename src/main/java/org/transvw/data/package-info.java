/**
 * Data stage: medical volumes as ImgLib2 images with their geometry ({@link org.transvw.data.Volume}),
 * collections of patients, readers/writers ({@code data.io}), recorded intensity normalisation
 * ({@code data.normalize}) and the procedural chest-CT phantom ({@code data.phantom}).
 * <p>
 * Core package: never imports {@code ij}, AWT/Swing, SciJava UI/commands or {@code ai.djl}.
 */
package org.transvw.data;
