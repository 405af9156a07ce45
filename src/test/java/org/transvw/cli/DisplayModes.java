package org.transvw.cli;

import java.util.List;

import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Base of the integration tests that run bin/transvw-macro in every display mode: each test runs
 * truly headless and, where xvfb-run is on the PATH, under Xvfb (skipped otherwise).
 */
@RunWith(Parameterized.class)
public abstract class DisplayModes {

	@Parameters(name = "{0}")
	public static List<Object[]> modes() {
		return List.of(new Object[] { ImageJApp.Mode.HEADLESS }, new Object[] {
			ImageJApp.Mode.XVFB });
	}

	/** The ImageJ application folder, assembled once. */
	static ImageJApp app;

	final ImageJApp.Mode mode;

	DisplayModes(final ImageJApp.Mode mode) {
		this.mode = mode;
	}

	@BeforeClass
	public static void assemble() throws Exception {
		app = ImageJApp.assemble();
	}

	@Before
	public void available() {
		mode.assumeAvailable();
	}
}
