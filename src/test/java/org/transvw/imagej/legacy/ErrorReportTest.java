package org.transvw.imagej.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import org.junit.Test;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/** Messages of the adapter's error path: what a user reads instead of a stack trace. */
public class ErrorReportTest {

	@Test
	public void userErrorIsItsMessage() {
		assertEquals("patch: expected 3 integers", ErrorReport.describe(
			new IllegalArgumentException("patch: expected 3 integers")));
		assertEquals("a.nii: truncated", ErrorReport.describe(new IOException("a.nii: truncated")));
	}

	@Test
	public void userErrorInsideABugWrapperIsFound() {
		final Exception wrapped = new RuntimeException(new IllegalStateException("outer", new IOException(
			"b.nii: truncated")));
		assertEquals("b.nii: truncated", ErrorReport.describe(wrapped));
	}

	@Test
	public void bugIsNamedByItsOwnClassNotTheWrapper() {
		// SciJava wraps a failing command as new RuntimeException(cause)
		assertEquals("IllegalStateException: boom", ErrorReport.describe(new RuntimeException(
			new IllegalStateException("boom"))));
		assertEquals("NullPointerException", ErrorReport.describe(new NullPointerException()));
		assertEquals("RuntimeException: context lost", ErrorReport.describe(new RuntimeException(
			"context lost", new NullPointerException())));
	}

	@Test
	public void traceListsCausesOnce() {
		final IllegalStateException cause = new IllegalStateException("inner");
		final String trace = ErrorReport.trace(new RuntimeException("outer", cause));
		assertTrue(trace, trace.startsWith("java.lang.RuntimeException: outer\n\tat "));
		assertTrue(trace, trace.contains("Caused by: java.lang.IllegalStateException: inner\n\tat "));
		assertTrue(trace, trace.contains(ErrorReportTest.class.getName() + ".traceListsCausesOnce"));
	}

	@Test
	public void cancelReasonOfTheCommandNeverBlank() {
		final ModuleService modules = LegacyContext.get().service(ModuleService.class);
		final Module module = modules.createModule(new CommandInfo(EchoCommand.class));
		assertNull(ErrorReport.cancelReason(module));
		final EchoCommand command = (EchoCommand) module.getDelegateObject();
		command.cancel(" ");
		assertEquals("cancelled (no reason given)", ErrorReport.cancelReason(module));
		final Module other = modules.createModule(new CommandInfo(EchoCommand.class));
		((EchoCommand) other.getDelegateObject()).cancel("k: expected > 0, got -1");
		assertEquals("k: expected > 0, got -1", ErrorReport.cancelReason(other));
	}

	@Test
	public void debugOnlyWhenAsked() {
		final String before = System.getProperty(ErrorReport.DEBUG_PROPERTY);
		try {
			System.clearProperty(ErrorReport.DEBUG_PROPERTY);
			assertEquals("1".equals(System.getenv("TRANSVW_DEBUG")), ErrorReport.debug());
			System.setProperty(ErrorReport.DEBUG_PROPERTY, "true");
			assertTrue(ErrorReport.debug());
		}
		finally {
			if (before == null) System.clearProperty(ErrorReport.DEBUG_PROPERTY);
			else System.setProperty(ErrorReport.DEBUG_PROPERTY, before);
		}
	}
}
