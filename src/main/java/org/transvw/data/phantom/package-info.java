/**
 * Data stage, embedded default dataset: a procedural chest-CT phantom in Hounsfield units,
 * deterministic from a seed, with groups of look-alike patients (recurring anatomy for
 * self-discovery, method.md §2) and lung nodules with label masks (a segmentation target); and
 * its 2D counterpart, chest radiographs projected from it ({@code Drr}, {@code RadiographPhantom},
 * docs/xray-2d.md).
 * <p>
 * Core package: never imports {@code ij}, AWT/Swing, SciJava UI/commands or {@code ai.djl};
 * parallel work goes through ImgLib2's {@code Parallelization}.
 */
package org.transvw.data.phantom;
