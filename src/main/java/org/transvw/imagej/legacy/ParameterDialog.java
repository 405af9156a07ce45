package org.transvw.imagej.legacy;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandModuleItem;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;

/**
 * Builds an ImageJ 1.x {@link GenericDialog} from a module's inputs and reads it back, or, in a
 * macro call, reads the macro options directly (one code path with and without a display). The
 * macro key of an input is its name, which is also the first word of its dialog label (see
 * {@link #dialogLabel}). Macro options are checked before anything runs: old key spellings are
 * migrated with a deprecation line ({@link MacroOptions}), unknown keys are refused with the
 * nearest valid key, numbers must lie in the parameter's range, choices among its choices.
 */
final class ParameterDialog {

	private ParameterDialog() {}

	/**
	 * The inputs a user (or macro) provides: not services, not the context, not messages; the
	 * command's own parameters first, then those of its base classes (shared blocks).
	 */
	static List<ModuleItem<?>> userInputs(final Module module) {
		final List<ModuleItem<?>> items = new ArrayList<>();
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			final Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type))
				continue;
			if (item.getVisibility() == ItemVisibility.MESSAGE) continue;
			items.add(item);
		}
		final Class<?> command = module.getDelegateObject().getClass();
		items.sort(Comparator.comparingInt(item -> inheritedDepth(command, item)));
		return items;
	}

	/** 0 for a field of the command class itself, 1 for its superclass, ... */
	private static int inheritedDepth(final Class<?> command, final ModuleItem<?> item) {
		if (!(item instanceof CommandModuleItem<?> c) || c.getField() == null) return 0;
		int depth = 0;
		for (Class<?> k = command; k != null && k != c.getField().getDeclaringClass(); k = k
			.getSuperclass())
			depth++;
		return depth;
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
	 * Asks for every user input, or reads them from the macro options.
	 *
	 * @return the values by input name, or null if the user cancelled
	 * @throws IllegalArgumentException naming the parameter when a value cannot be used
	 */
	static Map<String, Object> ask(final Module module, final String title) {
		final List<ModuleItem<?>> all = userInputs(module);
		final List<ModuleItem<?>> items = new ArrayList<>();
		for (final ModuleItem<?> item : all) {
			// NB: an optional image input with no image open stays empty (e.g. a file is given).
			if (ImagePlus.class.isAssignableFrom(item.getType()) && !item.isRequired() && WindowManager
				.getImageCount() == 0) continue;
			items.add(item);
		}
		final String options = Macro.getOptions();
		final Map<String, Object> values;
		if (options != null) values = fromOptions(module, all, items, options, title);
		else {
			final GenericDialog gd = new GenericDialog(title);
			for (final ModuleItem<?> item : items)
				add(gd, item, module.getInput(item.getName()));
			gd.showDialog();
			if (gd.wasCanceled()) return null;
			values = new LinkedHashMap<>();
			for (final ModuleItem<?> item : items)
				values.put(item.getName(), next(gd, item));
		}
		// NB: every input is resolved here, also an empty optional one: otherwise SciJava's
		// FilePreprocessor would ask for an unresolved file with a dialog (none exists headless,
		// so it cancelled the command with an empty reason).
		for (final ModuleItem<?> item : all)
			values.putIfAbsent(item.getName(), module.getInput(item.getName()));
		return values;
	}

	/**
	 * Reads the values from macro options: a checkbox is true when its key appears alone (or as
	 * key=true), other inputs keep their default when their key is absent.
	 */
	private static Map<String, Object> fromOptions(final Module module,
		final List<ModuleItem<?>> all, final List<ModuleItem<?>> items, final String options,
		final String title)
	{
		final Map<String, String> given = MacroOptions.migrate(module.getInfo()
			.getDelegateClassName(), MacroOptions.parse(options), m -> IJ.log(title + ": " + m));
		final Set<String> keys = new TreeSet<>();
		for (final ModuleItem<?> item : all)
			keys.add(key(item));
		MacroOptions.requireKnown(given.keySet(), keys);
		final Map<String, Object> values = new LinkedHashMap<>();
		for (final ModuleItem<?> item : items) {
			final Class<?> type = item.getType();
			final String key = key(item);
			final String raw = given.get(key);
			if (type == boolean.class || type == Boolean.class) {
				values.put(item.getName(), given.containsKey(key) && bool(key, raw));
				continue;
			}
			if (raw == null && ImagePlus.class.isAssignableFrom(type)) {
				final ImagePlus current = WindowManager.getCurrentImage();
				if (current == null && item.isRequired()) throw new IllegalArgumentException(key +
					": expected an open image, but no image is open");
				if (current != null) values.put(item.getName(), current);
				continue;
			}
			if (raw == null) {
				final Object current = module.getInput(item.getName());
				if (item.isRequired() && current == null) throw new IllegalArgumentException(key +
					": expected a value in the macro options (" + item.getLabel() + ")");
				if (current != null) values.put(item.getName(), current);
				continue;
			}
			values.put(item.getName(), parse(item, raw.trim()));
		}
		return values;
	}

	private static boolean bool(final String key, final String raw) {
		if (raw == null || raw.equalsIgnoreCase("true")) return true;
		if (raw.equalsIgnoreCase("false")) return false;
		throw new IllegalArgumentException(key + ": expected the key alone (on), key=true or " +
			"key=false, got '" + raw + "'");
	}

	private static Object parse(final ModuleItem<?> item, final String raw) {
		final Class<?> type = item.getType();
		if (isInteger(type)) return toNumber(item, integer(item, raw), raw);
		if (isReal(type)) {
			try {
				return toNumber(item, Double.parseDouble(raw), raw);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException(key(item) + ": expected a number" + range(item) +
					", got '" + raw + "'");
			}
		}
		if (type == File.class) return raw.isEmpty() ? null : new File(raw);
		if (ImagePlus.class.isAssignableFrom(type)) {
			final ImagePlus imp = WindowManager.getImage(raw);
			if (imp == null) throw new IllegalArgumentException(key(item) +
				": expected the title of an open image, got '" + raw + "'");
			return imp;
		}
		if (type == String.class && item.getChoices() != null && !item.getChoices().isEmpty()) {
			for (final Object c : item.getChoices())
				if (String.valueOf(c).equalsIgnoreCase(raw)) return String.valueOf(c);
			final List<String> c = item.getChoices().stream().map(String::valueOf).toList();
			throw new IllegalArgumentException(key(item) + ": expected " + (c.size() == 1 ? c.get(0)
				: String.join(", ", c.subList(0, c.size() - 1)) + " or " + c.get(c.size() - 1)) +
				", got '" + raw + "'");
		}
		if (type == String.class) return raw;
		throw new IllegalArgumentException(key(item) + ": parameters of type " + type
			.getSimpleName() + " cannot be set from ImageJ 1.x");
	}

	/** A whole number, exactly (a long seed is not squeezed through a double). */
	private static double integer(final ModuleItem<?> item, final String raw) {
		try {
			return Long.parseLong(raw);
		}
		catch (final NumberFormatException e) {
			try {
				return Double.parseDouble(raw);
			}
			catch (final NumberFormatException e2) {
				throw new IllegalArgumentException(key(item) + ": expected a whole number" + range(item) +
					", got '" + raw + "'");
			}
		}
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
			return toNumber(item, v, String.valueOf(v));
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

	/** The bounds of an input: its min/max if given, else its type's. */
	private static double[] bounds(final ModuleItem<?> item) {
		final Class<?> t = item.getType();
		double lo = t == int.class || t == Integer.class ? Integer.MIN_VALUE : t == short.class ||
			t == Short.class ? Short.MIN_VALUE : t == long.class || t == Long.class ? Long.MIN_VALUE
				: -Double.MAX_VALUE;
		double hi = t == int.class || t == Integer.class ? Integer.MAX_VALUE : t == short.class ||
			t == Short.class ? Short.MAX_VALUE : t == long.class || t == Long.class ? Long.MAX_VALUE
				: Double.MAX_VALUE;
		if (item.getMinimumValue() instanceof Number n) lo = Math.max(lo, n.doubleValue());
		if (item.getMaximumValue() instanceof Number n) hi = Math.min(hi, n.doubleValue());
		return new double[] { lo, hi };
	}

	/** The input's range for messages, e.g. " in [1, 10000]". */
	private static String range(final ModuleItem<?> item) {
		final double[] b = bounds(item);
		if (b[0] == -Double.MAX_VALUE && b[1] == Double.MAX_VALUE) return "";
		final boolean isLong = item.getType() == long.class || item.getType() == Long.class;
		return " in [" + (isLong && b[0] == Long.MIN_VALUE ? Long.toString(Long.MIN_VALUE) : format(
			b[0])) + ", " + (isLong && b[1] == Long.MAX_VALUE ? Long.toString(Long.MAX_VALUE) : format(
				b[1])) + "]";
	}

	private static String format(final double v) {
		if (v == -Double.MAX_VALUE) return "-inf";
		if (v == Double.MAX_VALUE) return "inf";
		return v == Math.rint(v) && Math.abs(v) < 1e18 ? Long.toString((long) v) : Double.toString(v);
	}

	/**
	 * The value as the input's type, within its range.
	 *
	 * @throws IllegalArgumentException "count: expected a whole number in [1, 10000], got 0"
	 */
	private static Object toNumber(final ModuleItem<?> item, final double v, final String raw) {
		final Class<?> t = item.getType();
		final String key = key(item);
		final boolean integer = isInteger(t);
		if (!Double.isFinite(v) || integer && v != Math.rint(v)) throw new IllegalArgumentException(
			key + ": expected " + (integer ? "a whole number" : "a finite number") + range(item) +
				", got '" + raw + "'");
		final double[] b = bounds(item);
		if (v < b[0] || v > b[1]) throw new IllegalArgumentException(key + ": expected " + (integer
			? "a whole number" : "a number") + range(item) + ", got " + raw);
		if (t == long.class || t == Long.class) return raw.matches("-?\\d+") ? Long.parseLong(raw)
			: (long) v;
		if (t == short.class || t == Short.class) return (short) v;
		if (integer) return (int) v;
		if (t == float.class || t == Float.class) return (float) v;
		return v;
	}
}
