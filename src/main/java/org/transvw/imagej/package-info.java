/**
 * Adapter between ImageJ 1.x and the core: THE ImagePlus &lt;-&gt; ImgLib2 bridge
 * ({@link org.transvw.imagej.ImagePlusBridge}, zero-copy, calibration &lt;-&gt; spacing), the
 * ImageJ-backed readers ({@link org.transvw.imagej.TiffFormat}, {@link
 * org.transvw.imagej.DicomFormat}, {@link org.transvw.imagej.PngFormat}; 2D radiographs with an
 * explicit RGB choice: {@link org.transvw.imagej.Radiographs}) that plug into
 * {@code data.io.VolumeIO} through
 * {@code META-INF/services/org.transvw.data.io.VolumeFormat}, and ({@code legacy}) the generic
 * IJ1 plugin that runs our SciJava commands from {@code plugins.config} menu entries and macros.
 * <p>
 * Only this package touches {@code ImageStack} pixel arrays or {@code Calibration}; core packages
 * never import it.
 */
package org.transvw.imagej;
