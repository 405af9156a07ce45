package org.transvw.imagej.legacy;

import java.awt.HeadlessException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;
import org.scijava.widget.InputHarvester;

import ij.IJ;
import ij.Macro;
import ij.plugin.PlugIn;

/**
 * Runs one of our SciJava commands from an ImageJ 1.x menu entry or macro. The argument is the
 * command's class name, e.g. in {@code plugins.config}:
 * <pre>{@code Plugins>TransVW, "Generate phantom collection", org.transvw.imagej.legacy.CommandPlugIn("org.transvw.command.GeneratePhantomCommand")}</pre>
 * Inputs come from a {@code GenericDialog} built from the command's parameters, or from the macro
 * options (keys = parameter names); every user input counts as given, so no SciJava preprocessor
 * asks for one again (SciJava's file chooser would cancel an optional file left empty, with an
 * empty reason, where no display exists). Outputs are published by {@link Outputs}; progress goes
 * to the status bar or the log ({@link ProgressRelay}); Esc cancels; a JVM shutdown stops the
 * command at its next step ({@link ShutdownGuard}). Failures take the one path of
 * {@link ErrorReport}: a message, no stack trace, and no dialog where no person can answer it.
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
			ErrorReport.commandFailed("TransVW", "could not start the SciJava context: " + ErrorReport
				.describe(e), e);
			return;
		}
		if (info == null) {
			ErrorReport.commandFailed("TransVW", "unknown command class '" + className + "'", null);
			return;
		}
		final String title = info.getTitle();
		final Module module = context.service(ModuleService.class).createModule(info);
		if (module == null) {
			ErrorReport.commandFailed(title, "could not create the command (see the log)", null);
			return;
		}
		if (!LegacyContext.interactive() && Macro.getOptions() == null && !ParameterDialog
			.userInputs(module).isEmpty())
		{
			ErrorReport.needsInput(title); // a dialog that nobody would answer
			return;
		}
		final Map<String, Object> inputs;
		try {
			inputs = inputs(module, title);
		}
		catch (final IllegalArgumentException e) {
			ErrorReport.commandFailed(title, e.getMessage(), null);
			return;
		}
		catch (final HeadlessException e) {
			ErrorReport.needsInput(title);
			return;
		}
		if (inputs != null) execute(context, module, inputs, title);
	}

	/**
	 * Every user input's value, asked for or read from the macro options; null if the user
	 * cancelled the dialog.
	 */
	static Map<String, Object> inputs(final Module module, final String title) {
		final Map<String, Object> given = ParameterDialog.ask(module, title);
		if (given == null) return null;
		final Map<String, Object> all = new LinkedHashMap<>(given);
		for (final ModuleItem<?> item : ParameterDialog.userInputs(module))
			if (!all.containsKey(item.getName())) all.put(item.getName(), module.getInput(item
				.getName()));
		return all;
	}

	/** The preprocessors that run before a command: all but those that would ask the user. */
	static List<PreprocessorPlugin> preprocessors(final Context context) {
		final List<PreprocessorPlugin> pre = new ArrayList<>();
		for (final PreprocessorPlugin p : context.service(PluginService.class)
			.createInstancesOfType(PreprocessorPlugin.class))
		{
			final String name = p.getClass().getName();
			if (p instanceof InputHarvester || name.startsWith("org.scijava.ui.") || name.startsWith(
				"org.scijava.display.")) continue;
			pre.add(p);
		}
		return pre;
	}

	private static void execute(final Context context, final Module module,
		final Map<String, Object> inputs, final String title)
	{
		final EventService events = context.service(EventService.class);
		final List<EventSubscriber<?>> subscriptions = events.subscribe(new ProgressRelay(title));
		final Cancelable command = module.getDelegateObject() instanceof Cancelable
			? (Cancelable) module.getDelegateObject() : null;
		IJ.resetEscape();
		try (ShutdownGuard guard = ShutdownGuard.install(title, command, IJ::log)) {
			if (guard.triggered()) guard.awaitExit();
			// NB: no postprocessors, since this adapter publishes the outputs itself (SciJava's
			// display postprocessor has no UI here and would only warn "Ignoring unsupported output").
			final Future<Module> future = context.service(ModuleService.class).run(module,
				preprocessors(context), List.<PostprocessorPlugin> of(), inputs);
			try {
				await(future, command);
			}
			finally {
				guard.finished();
			}
			if (guard.triggered()) guard.awaitExit();
			future.get();
			final String reason = ErrorReport.cancelReason(module);
			if (reason != null) {
				ErrorReport.commandFailed(title, reason, null);
				return;
			}
			Outputs.publish(module, IJ::log);
			IJ.showStatus(title + ": done");
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			ErrorReport.commandFailed(title, "interrupted", null);
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause() == null ? e : e.getCause();
			ErrorReport.commandFailed(title, ErrorReport.describe(cause), ErrorReport.isUserError(
				cause) ? null : cause);
		}
		finally {
			events.unsubscribe(subscriptions);
			IJ.showProgress(1.0);
		}
	}

	private static void await(final Future<Module> future, final Cancelable command)
		throws InterruptedException
	{
		while (!future.isDone()) {
			if (command != null && IJ.escapePressed()) command.cancel("cancelled by the user (Esc)");
			Thread.sleep(100);
		}
	}
}
