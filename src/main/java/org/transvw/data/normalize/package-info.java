/**
 * Data stage, intensity normalisation (method.md §2.1): recorded, replayable maps to [0, 1]
 * ({@link org.transvw.data.normalize.Normalization}: CT window, percentile scaling, none) that
 * travel with datasets and model bundles so that inference applies what training saw.
 * <p>
 * Core package: never imports {@code ij}, AWT/Swing, SciJava UI/commands or {@code ai.djl}.
 */
package org.transvw.data.normalize;
