package org.transvw.imagej.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.junit.Test;

import ij.Menus;

/** Our plugins.config entries reach ImageJ's command table without a menu bar. */
public class HeadlessMenusTest {

	@Test
	public void everyEntryOfOurPluginsConfigIsRegistered() throws IOException {
		// setup
		final byte[] config = Files.readAllBytes(Paths.get("plugins.config"));
		// process
		HeadlessMenus.install(new ByteArrayInputStream(config));
		// test
		assertEquals("org.transvw.imagej.legacy.CommandPlugIn(" +
			"\"org.transvw.command.EngineInfoCommand\")", Menus.getCommands().get("Engine info"));
		assertEquals("org.transvw.imagej.legacy.CommandPlugIn(" +
			"\"org.transvw.command.SelfDiscoveryCommand\")", Menus.getCommands().get("Self-discovery"));
	}

	@Test
	public void commentsAndMalformedLinesAreSkipped() throws IOException {
		HeadlessMenus.install(new ByteArrayInputStream(("# Plugins>X, \"Commented\", a.B\n" +
			"no comma here\n").getBytes(StandardCharsets.UTF_8)));
		assertFalse(Menus.getCommands().containsKey("Commented"));
	}

	@Test
	public void missingConfigIsAnIoError() {
		assertThrows(IOException.class, () -> HeadlessMenus.install(null));
	}
}
