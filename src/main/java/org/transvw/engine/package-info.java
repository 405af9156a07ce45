/**
 * THE boundary between ImgLib2 images and DJL tensors ({@link org.transvw.engine.Tensors}), and the
 * one place that starts the deep-learning engine ({@link org.transvw.engine.EngineSession}: offline
 * mode, thread context class loader, device, threads; a failed start becomes an
 * {@link org.transvw.engine.EngineUnavailableException} saying how to get the natives, classified
 * by {@link org.transvw.engine.EngineFailure}). Also the engine doctor
 * ({@link org.transvw.engine.DeviceReport}, {@link org.transvw.engine.EngineAdvice}) and the
 * reproducer of round 1's suspected convolution defects ({@link org.transvw.engine.ConvolutionCheck}).
 * <p>
 * Only this package copies pixels between the two worlds. Core package: no {@code ij}, AWT/Swing or
 * SciJava UI/commands.
 */
package org.transvw.engine;
