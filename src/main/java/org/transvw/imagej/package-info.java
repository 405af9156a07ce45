/**
 * Adapter between ImageJ 1.x and the core: THE ImagePlus &lt;-&gt; ImgLib2 bridge, ImageJ-backed
 * readers, and ({@code legacy}) the generic IJ1 plugin that runs our SciJava commands from
 * {@code plugins.config} menu entries and macros.
 * <p>
 * Only this package touches {@code ImageStack} pixel arrays or {@code Calibration}.
 */
package org.transvw.imagej;
