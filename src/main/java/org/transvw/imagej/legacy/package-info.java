/**
 * ImageJ 1.x adapters for {@code plugins.config}: ONE generic {@link
 * org.transvw.imagej.legacy.CommandPlugIn} builds a {@code GenericDialog} from a SciJava command's
 * {@code @Parameter} metadata, so the same parameter definition serves menus, macros (keys are
 * the parameter names), recording and headless runs. Beside it: the one error path
 * ({@link org.transvw.imagej.legacy.ErrorReport}: a message, no stack trace, no dialog where no
 * person can answer), output publishing, progress relay, the shutdown guard that stops a running
 * command before the JVM exits, and {@link org.transvw.imagej.legacy.HeadlessMenus} for macros
 * without a menu bar.
 * <p>
 * In Fiji, imagej-legacy replaces these menu entries by the SciJava commands of the same label
 * ("Overriding ..."), so each label appears once.
 */
package org.transvw.imagej.legacy;
