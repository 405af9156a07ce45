package org.transvw.imagej.legacy;

import java.io.File;
import java.util.function.Consumer;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

/**
 * Publishes the outputs of a finished command in ImageJ 1.x, where a macro can use them:
 * <ul>
 * <li>an image is shown: a window when a person is there, else (batch macros, headless) an
 * image of the macro's batch mode, reachable by its title;</li>
 * <li>a table is shown in its own window when a person is there, else logged as its size;</li>
 * <li>text, numbers, booleans and files are logged as {@code name = value}.</li>
 * </ul>
 * Without a person and outside batch mode no window can exist: an image output is then logged.
 */
final class Outputs {

	private Outputs() {}

	static void publish(final Module module, final Consumer<String> log) {
		final boolean windows = LegacyContext.interactive();
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			final Object value = module.getOutput(item.getName());
			final String name = item.getName();
			if (value == null) continue;
			if (value instanceof ImagePlus) {
				final ImagePlus imp = (ImagePlus) value;
				if (windows || Interpreter.isBatchMode()) {
					if (imp.getWindow() == null) imp.show();
				}
				else log.accept(name + " = image '" + imp.getTitle() + "' (not shown: no ImageJ " +
					"window and no batch-mode macro)");
			}
			else if (value instanceof ResultsTable) {
				final ResultsTable table = (ResultsTable) value;
				if (windows) table.show(item.getLabel() == null || item.getLabel().isEmpty() ? name
					: item.getLabel());
				else log.accept(name + " = table of " + table.size() + " rows");
			}
			else if (value instanceof CharSequence || value instanceof Number ||
				value instanceof Boolean || value instanceof File)
			{
				log.accept(name + " = " + value);
			}
		}
	}
}
