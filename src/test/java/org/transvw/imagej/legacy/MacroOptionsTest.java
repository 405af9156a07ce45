package org.transvw.imagej.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/** Reading macro options, migrating old keys, refusing unknown ones with a suggestion. */
public class MacroOptionsTest {

	private static final String PRETRAIN = "org.transvw.command.PretrainCommand";
	private static final String DISCOVERY = "org.transvw.command.SelfDiscoveryCommand";

	@Test
	public void readsValuesBracketsAndFlagsLikeGenericDialog() {
		final Map<String, String> expected = new LinkedHashMap<>();
		expected.put("input", "/data/my scans");
		expected.put("classes", "6");
		expected.put("skips", null);
		expected.put("patch", "32,32,16");
		expected.put("extractor", "");
		assertEquals(expected, MacroOptions.parse(
			" input=[/data/my scans] classes=6 skips Patch=32,32,16 extractor=[] classes=6 "));
		assertEquals("classes: given twice ('6' and '7'); give it once", assertThrows(
			IllegalArgumentException.class, () -> MacroOptions.parse("classes=6 classes=7"))
			.getMessage());
	}

	@Test
	public void oldKeysAreMigratedWithADeprecationLine() {
		final List<String> log = new ArrayList<>();
		final Map<String, String> m = MacroOptions.migrate(PRETRAIN, MacroOptions.parse(
			"rate=0.01 epochs=3"), log::add);
		assertEquals(Map.of("lr", "0.01", "epochs", "3"), m);
		assertEquals(List.of("key 'rate' is deprecated, use 'lr'"), log);
		assertThrows(IllegalArgumentException.class, () -> MacroOptions.migrate(PRETRAIN,
			MacroOptions.parse("rate=0.01 lr=0.1"), log::add));
	}

	@Test
	public void selfDiscoveryValidationMovesOnlyInAnOldMacro() {
		final List<String> log = new ArrayList<>();
		assertEquals(Map.of("kval", "-1", "validation", "0.2"), MacroOptions.migrate(DISCOVERY,
			MacroOptions.parse("validation=-1 fraction=0.2"), log::add));
		assertEquals(2, log.size());
		assertEquals(Map.of("validation", "0.3"), MacroOptions.migrate(DISCOVERY, MacroOptions
			.parse("validation=0.3"), log::add));
		assertEquals(2, log.size());
	}

	@Test
	public void binarySegmentationClassesMoveFromOneToTwo() {
		final List<String> log = new ArrayList<>();
		assertEquals(Map.of("classes", "2"), MacroOptions.migrate(
			"org.transvw.command.FineTuneSegmentationCommand", MacroOptions.parse("classes=1"),
			log::add));
		assertEquals(1, log.size());
		assertEquals(Map.of("classes", "1"), MacroOptions.migrate(
			"org.transvw.command.FineTuneClassificationCommand", MacroOptions.parse("classes=1"),
			log::add));
	}

	@Test
	public void unknownKeysAreRefusedWithTheNearestValidKey() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> MacroOptions.requireKnown(List.of("epoch"), List.of("epochs", "batch", "lr")));
		assertEquals("epoch: unknown key; did you mean 'epochs'? (keys of this command: batch, " +
			"epochs, lr)", e.getMessage());
		assertEquals("patience", MacroOptions.nearest("pateince", List.of("patience", "patch")));
		assertNull(MacroOptions.nearest("zzzzzz", List.of("patience", "patch")));
		assertEquals(3, MacroOptions.distance("kitten", "sitting"));
	}

	@Test
	public void everyOldKeyMapsOntoAParameterAndIsNoLongerOne() {
		try (Context ctx = new Context(CommandService.class)) {
			for (final MacroOptions.Rename r : MacroOptions.RENAMES) {
				final CommandInfo info = ctx.service(CommandService.class).getCommand(r.command());
				assertNotNull("no command " + r.command(), info);
				assertNotNull(r + ": new key", info.getInput(r.key()));
				final boolean alsoNew = MacroOptions.RENAMES.stream().anyMatch(o -> o.command().equals(r
					.command()) && o.key().equals(r.old()));
				assertTrue(r + ": the old key is still a parameter", alsoNew || info.getInput(r
					.old()) == null);
			}
			for (final MacroOptions.ValueChange v : MacroOptions.VALUE_CHANGES)
				assertNotNull(v + ": key", ctx.service(CommandService.class).getCommand(v.command())
					.getInput(v.key()));
		}
	}
}
