package org.transvw.imagej.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

import ij.Macro;

/**
 * The IJ1 adapter's reading of a command's parameters: inherited shared parameters are seen
 * (after the command's own), macro values are checked against types, ranges and choices, and
 * old keys are migrated.
 */
public class ParameterDialogTest {

	private static Context context;

	@BeforeClass
	public static void start() {
		context = new Context(CommandService.class, ModuleService.class);
	}

	@AfterClass
	public static void stop() {
		context.dispose();
	}

	private static Module module(final String command) {
		return context.service(ModuleService.class).createModule(context.service(
			CommandService.class).getCommand(command));
	}

	/** ParameterDialog.ask with {@code options} as the macro options of this thread. */
	private static Map<String, Object> ask(final String command, final String options) {
		final Thread t = Thread.currentThread();
		final String name = t.getName();
		t.setName("Run$_test"); // NB: ImageJ hands macro options only to such threads
		try {
			Macro.setOptions(options);
			return ParameterDialog.ask(module(command), "test");
		}
		finally {
			Macro.setOptions(null);
			t.setName(name);
		}
	}

	@Test
	public void inheritedParametersAreInputsAfterTheCommandsOwn() {
		final List<String> keys = ParameterDialog.userInputs(module(
			"org.transvw.command.FineTuneSegmentationCommand")).stream().map(ModuleItem::getName)
			.collect(Collectors.toList());
		// the command's own keys first, then the fine-tuning block it shares with the study,
		// then the training and engine blocks
		assertEquals("bundle", keys.get(0));
		assertTrue(keys.toString(), keys.indexOf("network") < keys.indexOf("images"));
		assertTrue(keys.toString(), keys.indexOf("images") < keys.indexOf("width"));
		for (final String shared : List.of("width", "seed", "epochs", "batch", "lr", "patience",
			"device", "threads"))
			assertTrue(shared + " in " + keys, keys.contains(shared));
		assertTrue(keys.toString(), keys.indexOf("overwrite") < keys.indexOf("width"));
		assertTrue(keys.toString(), keys.indexOf("lr") < keys.indexOf("device"));
	}

	@Test
	public void macroValuesAreTypedAndMigrated() {
		final Map<String, Object> v = ask("org.transvw.command.PretrainCommand",
			"dataset=[/data/v w] output=/m rate=0.01 epochs=3 seed=9007199254740993 overwrite");
		assertEquals(new File("/data/v w"), v.get("dataset"));
		assertEquals(0.01, v.get("lr"));
		assertEquals(3, v.get("epochs"));
		assertEquals(9007199254740993L, v.get("seed"));
		assertEquals(Boolean.TRUE, v.get("overwrite"));
		// absent keys keep the command's own defaults of the shared parameters
		assertEquals(50, v.get("patience"));
		assertEquals(32, v.get("width"));
	}

	@Test
	public void badMacroValuesNameTheKeyAndTheRange() {
		final String phantom = "org.transvw.command.GeneratePhantomCommand";
		assertEquals("count: expected a whole number in [1, 10000], got 0", assertThrows(
			IllegalArgumentException.class, () -> ask(phantom, "output=/x count=0")).getMessage());
		assertEquals("count: expected a whole number in [1, 10000], got 99999999999", assertThrows(
			IllegalArgumentException.class, () -> ask(phantom, "output=/x count=99999999999"))
			.getMessage());
		assertEquals("noise: expected a finite number in [0, 500], got 'NaN'", assertThrows(
			IllegalArgumentException.class, () -> ask(phantom, "output=/x noise=NaN")).getMessage());
		assertEquals("count: expected a whole number in [1, 10000], got '2.5'", assertThrows(
			IllegalArgumentException.class, () -> ask(phantom, "output=/x count=2.5")).getMessage());
		assertEquals("lesions: expected the key alone (on), key=true or key=false, got 'maybe'",
			assertThrows(IllegalArgumentException.class, () -> ask(phantom,
				"output=/x lesions=maybe")).getMessage());
		assertEquals("output: expected a value in the macro options (Output folder of the " +
			"collection)", assertThrows(IllegalArgumentException.class, () -> ask(phantom,
				"count=2")).getMessage());
		assertEquals("mode: expected transvw, vw-restoration, vw-classification, genesis, " +
			"rotation+vw, inpainting+vw, context-restoration+vw or genesis+vw, got 'simclr'",
			assertThrows(IllegalArgumentException.class, () -> ask(
				"org.transvw.command.PretrainCommand", "dataset=/d output=/o mode=simclr"))
				.getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ask(phantom,
			"output=/x cuont=2")).getMessage().startsWith("cuont: unknown key; did you mean 'count'?"));
	}
}
