package org.transvw.imagej.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.Menus;

/**
 * ImageJ 1.x menu commands without a menu bar. Without a display ImageJ cannot build its menu
 * bar, which is where {@code run("...")} looks commands up; the entries of a {@code
 * plugins.config} are then put into ImageJ's command table directly, so macros that call TransVW
 * commands run on a machine without X (ImageJ's own menu commands are not available there).
 */
public final class HeadlessMenus {

	/** A plugins.config line: {@code Menu>Path, "Label", class("argument")}. */
	private static final Pattern ENTRY = Pattern.compile("^[^,]+,\\s*\"([^\"]+)\",\\s*(.+)$");

	private HeadlessMenus() {}

	/** Registers every entry of {@code pluginsConfig} (the text of a plugins.config file). */
	public static void install(final InputStream pluginsConfig) throws IOException {
		if (pluginsConfig == null) throw new IOException(
			"plugins.config is missing from the TransVW jar");
		final String text = new String(pluginsConfig.readAllBytes(), StandardCharsets.UTF_8);
		for (final String line : text.split("\n")) {
			final Matcher m = ENTRY.matcher(line.trim());
			if (!line.trim().startsWith("#") && m.matches()) register(m.group(1), m.group(2));
		}
	}

	/**
	 * Makes {@code run(label, ...)} call {@code command}, e.g. {@code
	 * org.transvw.imagej.legacy.CommandPlugIn("org.transvw.command.EngineInfoCommand")}.
	 */
	public static synchronized void register(final String label, final String command)
		throws IOException
	{
		try {
			final Field f = Menus.class.getDeclaredField("pluginsTable");
			f.setAccessible(true);
			@SuppressWarnings("unchecked")
			Hashtable<String, String> table = (Hashtable<String, String>) f.get(null);
			if (table == null) {
				table = new Hashtable<>();
				f.set(null, table);
			}
			table.put(label, command);
		}
		catch (final ReflectiveOperationException | ClassCastException e) {
			throw new IOException("cannot register '" + label + "' in ImageJ's command table: " + e);
		}
	}
}
