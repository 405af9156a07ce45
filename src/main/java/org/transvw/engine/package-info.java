/**
 * THE boundary between ImgLib2 images and DJL tensors ({@link org.transvw.engine.Tensors}), and the
 * one place that starts the deep-learning engine ({@link org.transvw.engine.EngineSession}: offline
 * mode, thread context class loader, device, threads).
 * <p>
 * Only this package copies pixels between the two worlds. Core package: no {@code ij}, AWT/Swing or
 * SciJava UI/commands.
 */
package org.transvw.engine;
