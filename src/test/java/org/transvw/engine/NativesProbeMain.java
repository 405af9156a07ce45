package org.transvw.engine;

import java.time.Duration;

/**
 * The child of {@link EngineSessionNativesTest}: {@code session} starts the engine as every
 * command does and prints {@code STARTED} or the exception's class and message;
 * {@code doctor [download]} prints the engine doctor's JSON report.
 */
public final class NativesProbeMain {

	private NativesProbeMain() {}

	public static void main(final String[] args) {
		if (args[0].equals("doctor")) {
			System.out.println(DeviceReport.collect(args.length > 1, Duration.ofMillis(50)).toJson());
			return;
		}
		try {
			EngineSession.device("cpu");
			System.out.println("STARTED");
		}
		catch (final RuntimeException e) {
			System.out.println("THROWN " + e.getClass().getName() + ": " + e.getMessage());
		}
	}
}
