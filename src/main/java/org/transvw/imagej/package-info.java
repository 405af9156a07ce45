/**
 * Adapter to ImageJ 1.x: THE ImagePlus <-> ImgLib2 bridge ({@link org.transvw.imagej.ImagePlusBridge},
 * zero-copy, calibration <-> spacing) and the IJ1-backed readers ({@link
 * org.transvw.imagej.TiffFormat}, {@link org.transvw.imagej.DicomFormat}) that plug into
 * {@code data.io.VolumeIO} through {@code META-INF/services/org.transvw.data.io.VolumeFormat}.
 * <p>
 * Adapter package: the only place that touches {@code ImageStack} pixel arrays or
 * {@code Calibration}; core packages never import it.
 */
package org.transvw.imagej;
