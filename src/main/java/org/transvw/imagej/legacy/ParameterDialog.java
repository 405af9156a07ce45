package org.transvw.imagej.legacy;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;

/**
 * Builds an ImageJ 1.x {@link GenericDialog} from a module's inputs and reads it back. In a
 * macro, GenericDialog takes each value from the macro options by key = the first word of the
 * dialog label, lower-cased; we make that key the parameter name (see {@link #dialogLabel}).
 */
final class ParameterDialog {

	private ParameterDialog() {}

	/** The inputs a user (or macro) provides: not services, not the context, not messages. */
	static List<ModuleItem<?>> userInputs(final Module module) {
		final List<ModuleItem<?>> items = new ArrayList<>();
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			final Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type))
				continue;
			if (item.getVisibility() == ItemVisibility.MESSAGE) continue;
			items.add(item);
		}
		return items;
	}

	/** The macro key of an input: its name, lower-cased. */
	static String key(final ModuleItem<?> item) {
		return item.getName().toLowerCase(Locale.US);
	}

	/** A dialog label whose first word is the macro key. */
	static String dialogLabel(final ModuleItem<?> item) {
		final String label = item.getLabel() == null || item.getLabel().isEmpty() ? item.getName()
			: item.getLabel();
		return Macro.trimKey(label).equals(key(item)) ? label : item.getName() + " (" + label + ")";
	}

	/**
	 * Asks for every user input (or reads them from the macro options).
	 *
	 * @return the values by input name, or null if the user cancelled
	 * @throws IllegalArgumentException naming the parameter when a value cannot be used
	 */
	static Map<String, Object> ask(final Module module, final String title) {
		final List<ModuleItem<?>> items = new ArrayList<>();
		for (final ModuleItem<?> item : userInputs(module)) {
			// NB: an optional image input with no image open stays empty (e.g. a file is given).
			if (ImagePlus.class.isAssignableFrom(item.getType()) && !item.isRequired() && WindowManager
				.getImageCount() == 0) continue;
			items.add(item);
		}
		final String options = Macro.getOptions();
		if (options != null && GraphicsEnvironment.isHeadless()) return fromOptions(items, module,
			options);
		final GenericDialog gd = new GenericDialog(title);
		for (final ModuleItem<?> item : items)
			add(gd, item, module.getInput(item.getName()));
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final Map<String, Object> values = new LinkedHashMap<>();
		for (final ModuleItem<?> item : items)
			values.put(item.getName(), next(gd, item));
		return values;
	}

	/**
	 * Reads the values straight from macro options where no dialog can exist (a truly headless
	 * JVM), with GenericDialog's rules: a checkbox is true iff its key appears as a word, other
	 * values default to the parameter's current value.
	 */
	private static Map<String, Object> fromOptions(final List<ModuleItem<?>> items,
		final Module module, final String options)
	{
		final String padded = options.endsWith(" ") ? options : options + " ";
		final Map<String, Object> values = new LinkedHashMap<>();
		for (final ModuleItem<?> item : items) {
			final Class<?> type = item.getType();
			final String key = key(item);
			if (type == boolean.class || type == Boolean.class) {
				values.put(item.getName(), isWord(padded, key));
				continue;
			}
			final String raw = Macro.getValue(padded, key, null);
			if (raw == null && ImagePlus.class.isAssignableFrom(type)) {
				final ImagePlus current = WindowManager.getCurrentImage();
				if (current == null && item.isRequired()) throw new IllegalArgumentException(key +
					": expected an open image, but no image is open");
				if (current != null) values.put(item.getName(), current);
				continue;
			}
			if (raw == null) {
				final Object current = module.getInput(item.getName());
				if (item.isRequired() && current == null) throw new IllegalArgumentException(key + ": expected a value in the macro options");
				// NB: an optional input left empty is resolved as null, else a SciJava UI
				// preprocessor (FilePreprocessor) would ask for it and, headless, cancel silently
				values.put(item.getName(), current);
				continue;
			}
			values.put(item.getName(), parse(item, raw.trim()));
		}
		return values;
	}

	private static Object parse(final ModuleItem<?> item, final String raw) {
		final Class<?> type = item.getType();
		if (isInteger(type) || isReal(type)) {
			final double v;
			try {
				v = Double.parseDouble(raw);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException(item.getName() + ": expected a number, got '" + raw +
					"'");
			}
			return toNumber(type, v, item.getName());
		}
		if (type == File.class) return raw.isEmpty() ? null : new File(raw);
		if (ImagePlus.class.isAssignableFrom(type)) {
			final ImagePlus imp = WindowManager.getImage(raw);
			if (imp == null) throw new IllegalArgumentException(item.getName() +
				": expected the title of an open image, got '" + raw + "'");
			return imp;
		}
		if (type == String.class) return raw;
		throw new IllegalArgumentException(item.getName() + ": parameters of type " + type
			.getSimpleName() + " cannot be set from ImageJ 1.x");
	}

	/** GenericDialog's checkbox rule: the key as a word outside [bracketed] values. */
	private static boolean isWord(final String options, final String key) {
		boolean literal = false;
		for (int i = 0; i < options.length(); i++) {
			final char c = options.charAt(i);
			if (c == '[') literal = true;
			else if (c == ']') literal = false;
			if (literal || i > 0 && options.charAt(i - 1) != ' ') continue;
			if (options.startsWith(key + " ", i)) return true;
		}
		return false;
	}

	private static void add(final GenericDialog gd, final ModuleItem<?> item, final Object current) {
		final Class<?> type = item.getType();
		final String label = dialogLabel(item);
		final Object value = current != null ? current : item.getDefaultValue();
		if (type == boolean.class || type == Boolean.class) {
			gd.addCheckbox(label, Boolean.TRUE.equals(value));
		}
		else if (isInteger(type)) {
			gd.addNumericField(label, value == null ? 0 : ((Number) value).doubleValue(), 0);
		}
		else if (isReal(type)) {
			gd.addNumericField(label, value == null ? 0 : ((Number) value).doubleValue(), 6);
		}
		else if (type == String.class && item.getChoices() != null && !item.getChoices().isEmpty()) {
			final String[] choices = item.getChoices().stream().map(String::valueOf).toArray(
				String[]::new);
			gd.addChoice(label, choices, value == null ? choices[0] : value.toString());
		}
		else if (type == String.class) {
			gd.addStringField(label, value == null ? "" : value.toString(), 30);
		}
		else if (type == File.class) {
			final String path = value == null ? "" : ((File) value).getPath();
			if ("directory".equals(item.getWidgetStyle())) gd.addDirectoryField(label, path);
			else gd.addFileField(label, path);
		}
		else if (ImagePlus.class.isAssignableFrom(type)) {
			if (WindowManager.getImageCount() == 0) throw new IllegalArgumentException(item
				.getName() + ": expected an open image, but no image is open");
			gd.addImageChoice(label, null);
		}
		else {
			throw new IllegalArgumentException(item.getName() + ": parameters of type " + type
				.getSimpleName() + " cannot be set from ImageJ 1.x");
		}
	}

	private static Object next(final GenericDialog gd, final ModuleItem<?> item) {
		final Class<?> type = item.getType();
		if (type == boolean.class || type == Boolean.class) return gd.getNextBoolean();
		if (isInteger(type) || isReal(type)) {
			final double v = gd.getNextNumber();
			if (Double.isNaN(v)) throw new IllegalArgumentException(item.getName() +
				": expected a number");
			return toNumber(type, v, item.getName());
		}
		if (type == String.class && item.getChoices() != null && !item.getChoices().isEmpty())
			return gd.getNextChoice();
		if (type == String.class) return gd.getNextString();
		if (type == File.class) {
			final String s = gd.getNextString().trim();
			return s.isEmpty() ? null : new File(s);
		}
		return gd.getNextImage();
	}

	private static boolean isInteger(final Class<?> t) {
		return t == int.class || t == Integer.class || t == long.class || t == Long.class ||
			t == short.class || t == Short.class;
	}

	private static boolean isReal(final Class<?> t) {
		return t == double.class || t == Double.class || t == float.class || t == Float.class;
	}

	private static Object toNumber(final Class<?> t, final double v, final String name) {
		if (isInteger(t)) {
			if (v != Math.rint(v)) throw new IllegalArgumentException(name +
				": expected a whole number, got " + v);
			if (t == long.class || t == Long.class) return (long) v;
			if (t == short.class || t == Short.class) return (short) v;
			return (int) v;
		}
		if (t == float.class || t == Float.class) return (float) v;
		return v;
	}
}
