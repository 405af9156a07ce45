/**
 * Data stage, input/output: {@link org.transvw.data.io.VolumeIO} reads and writes
 * {@link org.transvw.data.Volume}s by file ending through {@link org.transvw.data.io.VolumeFormat}s
 * (NIfTI-1 built in; ImageJ 1.x backed TIFF and DICOM registered by {@code org.transvw.imagej}
 * through {@link java.util.ServiceLoader}, the nnU-Net "imageio by ending" idea), and
 * {@link org.transvw.data.io.VolumeCollection}, a folder of patients read through them (it lives
 * here, not in {@code data}, so that {@code data} does not import its own readers).
 * <p>
 * Core package: never imports {@code ij}, AWT/Swing, SciJava UI/commands or {@code ai.djl}.
 */
package org.transvw.data.io;
