/**
 * Small, UI-free building blocks shared by every stage of TransVW: progress reporting,
 * cooperative cancellation, explicit seeded random streams and seeded splits
 * ({@link org.transvw.common.SeededSplit}), argument checks, and the one way to write result
 * files ({@link org.transvw.common.AtomicFiles}), delete scratch trees
 * ({@link org.transvw.common.FileTrees}) and hash ({@link org.transvw.common.Sha256}).
 * <p>
 * Core package: imports nothing from {@code ij}, AWT/Swing, SciJava UI/commands, DJL or ImgLib2
 * (image helpers live in {@code org.transvw.data}). A class enters here only when a second stage
 * needs it.
 */
package org.transvw.common;
