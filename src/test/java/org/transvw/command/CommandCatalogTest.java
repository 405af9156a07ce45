package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import ij.Macro;

/**
 * Every command has a Fiji menu entry under Plugins>TransVW, a plugins.config adapter with the
 * same label (so plain ImageJ and macros reach it, and Fiji shows the label once), and every
 * parameter has a label and a description whose first word is the macro key; a key shared by
 * several commands means one thing (one type, one label) everywhere.
 */
public class CommandCatalogTest {

	private static final Pattern ENTRY = Pattern.compile(
		"^Plugins>TransVW, \"([^\"]+)\", org\\.transvw\\.imagej\\.legacy\\.CommandPlugIn\\(\"([^\"]+)\"\\)$");

	private static Map<String, String> pluginsConfig() throws IOException {
		final Map<String, String> labels = new HashMap<>();
		for (final String line : Files.readAllLines(Paths.get("plugins.config"))) {
			if (line.isBlank() || line.startsWith("#")) continue;
			final Matcher m = ENTRY.matcher(line.trim());
			assertTrue("malformed plugins.config line: " + line, m.matches());
			assertTrue("duplicate label " + m.group(1), labels.put(m.group(1), m.group(2)) == null);
		}
		return labels;
	}

	private static List<CommandInfo> ourCommands(final Context ctx) {
		final List<CommandInfo> ours = new ArrayList<>();
		for (final CommandInfo info : ctx.service(CommandService.class).getCommands())
			if (info.getClassName().startsWith("org.transvw.")) ours.add(info);
		return ours;
	}

	@Test
	public void everyCommandHasOneMenuEntryAndAnAdapter() throws IOException {
		final Map<String, String> config = pluginsConfig();
		try (Context ctx = new Context(CommandService.class)) {
			final List<CommandInfo> ours = ourCommands(ctx);
			assertFalse("no TransVW commands found", ours.isEmpty());
			for (final CommandInfo info : ours) {
				final String path = info.getMenuPath().getMenuString();
				assertTrue(info.getClassName() + " menu " + path, path.startsWith("Plugins > TransVW > "));
				final String label = info.getMenuPath().getLeaf().getName();
				assertEquals("plugins.config adapter for '" + label + "'", info.getClassName(), config
					.get(label));
			}
			assertEquals("plugins.config entries without a command", ours.size(), config.size());
		}
	}

	@Test
	public void everyParameterIsDocumentedAndMacroKeyed() {
		try (Context ctx = new Context(CommandService.class)) {
			for (final CommandInfo info : ourCommands(ctx)) {
				for (final ModuleItem<?> item : info.inputs()) {
					if (Service.class.isAssignableFrom(item.getType()) || Context.class
						.isAssignableFrom(item.getType()) || item
							.getVisibility() == ItemVisibility.MESSAGE) continue;
					final String where = info.getClassName() + "#" + item.getName();
					assertTrue(where + " needs a label", item.getLabel() != null && !item.getLabel()
						.isBlank());
					assertTrue(where + " needs a description", item.getDescription() != null && !item
						.getDescription().isBlank());
					assertEquals(where + ": macro keys are lower-case parameter names", item.getName()
						.toLowerCase(), item.getName());
					assertEquals(where + ": the label's first word is the macro key", item.getName(),
						Macro.trimKey(item.getLabel()));
				}
			}
		}
	}

	/** Keys several commands share: one type and one label each (see SharedParameters). */
	private static final List<String> SHARED = List.of("seed", "device", "threads", "width",
		"epochs", "batch", "lr", "patience", "overwrite", "patch", "validation", "modality",
		"normalization", "window", "spacing", "voxel", "crop", "test");

	@Test
	public void aSharedKeyMeansOneThingEverywhere() {
		try (Context ctx = new Context(CommandService.class)) {
			final Map<String, ModuleItem<?>> first = new HashMap<>();
			final Map<String, String> where = new HashMap<>();
			for (final CommandInfo info : ourCommands(ctx))
				for (final ModuleItem<?> item : info.inputs()) {
					if (!SHARED.contains(item.getName())) continue;
					final ModuleItem<?> f = first.putIfAbsent(item.getName(), item);
					where.putIfAbsent(item.getName(), info.getClassName());
					if (f == null) continue;
					final String what = item.getName() + " of " + info.getClassName() + " vs " + where.get(
						item.getName());
					assertEquals(what + ": type", f.getType(), item.getType());
					assertEquals(what + ": label", f.getLabel(), item.getLabel());
				}
			assertTrue(first.keySet().toString(), first.keySet().containsAll(SHARED));
		}
	}

	@Test
	public void theSharedTrainingBlockIsInheritedByEveryTrainingCommand() {
		try (Context ctx = new Context(CommandService.class)) {
			for (final String c : List.of("SelfDiscoveryCommand", "PretrainCommand",
				"FineTuneSegmentationCommand", "FineTuneClassificationCommand"))
			{
				final CommandInfo info = ctx.service(CommandService.class).getCommand(
					"org.transvw.command." + c);
				for (final String key : List.of("width", "seed", "epochs", "batch", "lr", "patience",
					"device", "threads"))
					assertTrue(c + " lacks " + key, info.getInput(key) != null);
			}
		}
	}

	/**
	 * The Annotation-efficiency study takes every fine-tuning key of Fine-tune (segmentation)
	 * with the same type, label and description (one definition: SegmentationFineTuneParameters),
	 * except the single bundle, its output bundle, its one fraction and the network (the study
	 * fine-tunes 3D U-Nets only).
	 */
	@Test
	public void theStudyHasTheFineTuningKeysOfFineTuneSegmentation() {
		try (Context ctx = new Context(CommandService.class)) {
			final CommandService cs = ctx.service(CommandService.class);
			final CommandInfo fine = cs.getCommand(FineTuneSegmentationCommand.class.getName());
			final CommandInfo study = cs.getCommand(AnnotationEfficiencyCommand.class.getName());
			final List<String> shared = new ArrayList<>();
			for (final ModuleItem<?> item : fine.inputs()) {
				if (List.of("bundle", "output", "fraction", "network").contains(item.getName()) || Service.class
					.isAssignableFrom(item.getType()) || Context.class.isAssignableFrom(item.getType()))
					continue;
				final ModuleItem<?> s = study.getInput(item.getName());
				assertTrue("the study lacks " + item.getName(), s != null);
				assertEquals(item.getName() + ": type", item.getType(), s.getType());
				assertEquals(item.getName() + ": label", item.getLabel(), s.getLabel());
				assertEquals(item.getName() + ": description", item.getDescription(), s
					.getDescription());
				shared.add(item.getName());
			}
			assertTrue("shared keys: " + shared, shared.containsAll(List.of("images", "labels",
				"patch", "classes", "samples", "validation", "test", "testimages", "testlabels",
				"freeze", "crossentropy", "overwrite", "epochs", "batch", "lr", "patience", "seed",
				"width", "modality", "normalization", "spacing", "device")));
		}
	}

	/** {@code run("Label", "options");} in a doc page. */
	private static final Pattern RUN = Pattern.compile("run\\(\"([^\"]+)\", \"([^\"]*)\"\\);");

	@Test
	public void theMacroPageCallsEveryCommandWithValidKeys() throws IOException {
		final Map<String, String> calls = new HashMap<>();
		for (final String line : Files.readAllLines(Paths.get("docs", "macros.md"))) {
			final Matcher m = RUN.matcher(line);
			if (m.find()) calls.put(m.group(1), m.group(2));
		}
		try (Context ctx = new Context(CommandService.class)) {
			for (final CommandInfo info : ourCommands(ctx)) {
				final String label = info.getMenuPath().getLeaf().getName();
				final String options = calls.get(label);
				assertTrue("docs/macros.md has no macro call of " + label, options != null);
				for (final String token : options.replaceAll("\\[[^\\]]*\\]", "x").trim().split(" +")) {
					final String key = token.contains("=") ? token.substring(0, token.indexOf('='))
						: token;
					assertTrue(label + ": docs/macros.md uses the unknown key '" + key + "'", info
						.getInput(key) != null);
				}
			}
		}
	}
}
