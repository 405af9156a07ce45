/**
 * The annotation-efficiency study (paper section IV: how many labels does pre-training save, and
 * is the gain real?): label fractions x seeds x initialisations, each cell an independent,
 * resumable fine-tuning ({@link org.transvw.study.CellStore}), paired statistics of each
 * pre-trained initialisation against training from scratch ({@link org.transvw.study.Statistics}),
 * the annotation saving, and the study table and report ({@link org.transvw.study.StudySummary},
 * {@link org.transvw.study.StudyReport}). The plots are drawn by the ImageJ adapter
 * ({@code imagej.StudyPlots}) from the numbers computed here.
 * <p>
 * Core package: may import {@code common}, {@code data}, {@code network}, {@code training},
 * {@code finetuning}, {@code evaluation}, ImgLib2, DJL and Apache Commons Math; never ImageJ,
 * AWT/Swing, SciJava UI/commands or the adapters.
 */
package org.transvw.study;
