package org.transvw.imagej.legacy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.PlugIn;

/**
 * Runs one of our SciJava commands from an ImageJ 1.x menu entry or macro. The argument is the
 * command's class name, e.g. in {@code plugins.config}:
 * <pre>{@code Plugins>TransVW, "Generate phantom collection", org.transvw.imagej.legacy.CommandPlugIn("org.transvw.command.GeneratePhantomCommand")}</pre>
 * Inputs come from a {@code GenericDialog} built from the command's parameters (or from the
 * macro options, keys = parameter names); image outputs are shown, other outputs are logged as
 * {@code name = value}; progress goes to the status bar, or to the log when there is no ImageJ
 * window (headless runs); Esc cancels. A user error is reported with its message only, never
 * with a stack trace, and aborts the calling macro.
 */
public class CommandPlugIn implements PlugIn {

	@Override
	public void run(final String arg) {
		final String className = arg == null ? "" : arg.trim();
		final Context context;
		final CommandInfo info;
		try {
			context = LegacyContext.get();
			info = context.service(CommandService.class).getCommand(className);
		}
		catch (final RuntimeException e) {
			fail("TransVW", "could not start the SciJava context: " + e);
			return;
		}
		if (info == null) {
			fail("TransVW", "unknown command class '" + className + "'");
			return;
		}
		final String title = info.getTitle();
		final ModuleService modules = context.service(ModuleService.class);
		final Module module;
		final Map<String, Object> inputs;
		try {
			module = modules.createModule(info);
			inputs = ParameterDialog.ask(module, title);
		}
		catch (final IllegalArgumentException e) {
			fail(title, e.getMessage());
			return;
		}
		catch (final Exception e) {
			fail(title, "could not prepare the command: " + e);
			return;
		}
		if (inputs == null) return; // dialog cancelled
		execute(context, modules, module, inputs, title);
	}

	private static void execute(final Context context, final ModuleService modules,
		final Module module, final Map<String, Object> inputs, final String title)
	{
		final ProgressRelay relay = new ProgressRelay(title);
		final EventService events = context.service(EventService.class);
		final List<EventSubscriber<?>> subscriptions = events.subscribe(relay);
		IJ.resetEscape();
		try {
			// NB: preprocessors inject services and validate; no postprocessors, since this adapter
			// publishes the outputs itself (SciJava's display postprocessor has no UI here and
			// would only warn "Ignoring unsupported output").
			final List<PreprocessorPlugin> pre = context.service(PluginService.class)
				.createInstancesOfType(PreprocessorPlugin.class);
			final Future<Module> future = modules.run(module, pre, List.<PostprocessorPlugin> of(),
				inputs);
			while (!future.isDone()) {
				if (IJ.escapePressed() && module.getDelegateObject() instanceof Cancelable)
					((Cancelable) module.getDelegateObject()).cancel("Cancelled by the user (Esc)");
				Thread.sleep(100);
			}
			future.get();
			final String reason = cancelReason(module);
			if (reason != null) {
				fail(title, reason);
				return;
			}
			publishOutputs(module);
			IJ.showStatus(title + ": done");
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			fail(title, "interrupted");
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause() == null ? e : e.getCause();
			fail(title, describe(cause));
		}
		finally {
			events.unsubscribe(subscriptions);
			IJ.showProgress(1.0);
		}
	}

	private static String cancelReason(final Module module) {
		if (module.getDelegateObject() instanceof Cancelable) {
			final Cancelable c = (Cancelable) module.getDelegateObject();
			if (c.isCanceled()) return c.getCancelReason() == null ? "cancelled" : c
				.getCancelReason();
		}
		if (module instanceof Cancelable && ((Cancelable) module).isCanceled())
			return ((Cancelable) module).getCancelReason();
		return null;
	}

	private static void publishOutputs(final Module module) {
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			final Object value = module.getOutput(item.getName());
			if (value == null) continue;
			if (value instanceof ImagePlus) {
				final ImagePlus imp = (ImagePlus) value;
				if (imp.getWindow() == null) imp.show();
			}
			else if (value instanceof CharSequence || value instanceof Number ||
				value instanceof Boolean || value instanceof java.io.File)
			{
				IJ.log(item.getName() + " = " + value);
			}
		}
	}

	/** A readable message without stack trace: the deepest non-empty message of the cause chain. */
	static String describe(final Throwable t) {
		Throwable c = t;
		String message = null;
		while (c != null) {
			if (c.getMessage() != null && !c.getMessage().isBlank()) message = c.getMessage();
			if (c instanceof IllegalArgumentException || c instanceof java.io.IOException) break;
			c = c.getCause();
		}
		final String kind = t instanceof IllegalArgumentException || t instanceof java.io.IOException
			? "" : t.getClass().getSimpleName() + ": ";
		return message == null ? t.getClass().getSimpleName() : kind + message;
	}

	private static void fail(final String title, final String message) {
		IJ.log(title + " failed: " + message);
		IJ.error(title, message);
	}

	/** Relays SciJava status events to ImageJ's status bar, or to the log when headless. */
	public static final class ProgressRelay {

		private final String title;
		private long lastPrint;
		private String lastMessage = "";

		ProgressRelay(final String title) {
			this.title = title;
		}

		@EventHandler
		public void onEvent(final StatusEvent e) {
			final String message = e.getStatusMessage() == null ? "" : e.getStatusMessage();
			if (IJ.getInstance() != null) {
				if (!message.isEmpty()) IJ.showStatus(message);
				if (e.getProgressMaximum() > 0) IJ.showProgress(e.getProgressValue(), e
					.getProgressMaximum());
				return;
			}
			final long now = System.currentTimeMillis();
			if (message.isEmpty() || message.equals(lastMessage) && now - lastPrint < 5000) return;
			if (now - lastPrint < 1000) return;
			lastPrint = now;
			lastMessage = message;
			final String pct = e.getProgressMaximum() > 0 ? String.format(Locale.ROOT, " %3.0f%%",
				100.0 * e.getProgressValue() / e.getProgressMaximum()) : "";
			IJ.log("[" + title + pct + "] " + message);
		}
	}
}
