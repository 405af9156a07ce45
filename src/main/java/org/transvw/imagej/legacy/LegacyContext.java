package org.transvw.imagej.legacy;

import java.awt.GraphicsEnvironment;

import org.scijava.Context;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;
import org.scijava.module.ModuleRunner;

import ij.IJ;

/**
 * The SciJava context our commands run in from ImageJ 1.x (Fiji's application context when
 * imagej-legacy is present, otherwise one context created once per JVM for plain ImageJ), and
 * whether a person is there to answer a dialog.
 */
final class LegacyContext {

	private static final String LEGACY_SERVICE = "net.imagej.legacy.LegacyService";

	private LegacyContext() {}

	static Context get() {
		if (isFiji()) {
			// NB: imagej-legacy's hooks answer this call with the application context.
			final Object o = IJ.runPlugIn(Context.class.getName(), "");
			if (o instanceof Context) return (Context) o;
		}
		return Holder.CONTEXT;
	}

	/**
	 * Whether a person can see and answer a dialog: a display and an ImageJ window. False in a
	 * truly headless JVM, under {@code bin/transvw-macro} (with or without Xvfb: it never opens the
	 * ImageJ window) and in {@code ImageJ -batch}; there the adapter opens no dialog and no window.
	 */
	static boolean interactive() {
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null;
	}

	private static boolean isFiji() {
		try {
			Class.forName(LEGACY_SERVICE, false, IJ.getClassLoader());
			return true;
		}
		catch (final ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	/** Created on first use only (plain ImageJ). */
	private static final class Holder {

		static final Context CONTEXT = create();

		private static Context create() {
			final Thread t = Thread.currentThread();
			final ClassLoader before = t.getContextClassLoader();
			// Plugin discovery scans the thread context class loader: make it ours.
			t.setContextClassLoader(LegacyContext.class.getClassLoader());
			try {
				final Context context = new Context();
				// NB: SciJava logs a failing command with its stack trace; the adapter reports it once,
				// as a message (ErrorReport), and prints the trace only when asked to.
				if (!ErrorReport.debug()) context.service(LogService.class).setLevel(ModuleRunner.class
					.getName(), LogLevel.NONE);
				return context;
			}
			finally {
				t.setContextClassLoader(before);
			}
		}
	}
}
