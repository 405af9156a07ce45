package org.transvw.command;

import org.scijava.plugin.Parameter;
import org.transvw.engine.EngineSession;

import ai.djl.Device;

/**
 * A command that runs a network: the shared {@code device} and {@code threads} parameters and
 * their one interpretation ({@link #device()}).
 */
public abstract class EngineCommand extends TransVwCommand {

	@Parameter(label = "Device (auto, cpu, gpu, gpu:N)", persist = false,
		description = "Where the network runs: auto = the first GPU DJL finds, else the CPU")
	protected String device = "auto";

	@Parameter(label = "Threads of the engine (0 = default)", min = "0", max = "1024",
		persist = false, description = "PyTorch intra-op threads; only effective before the " +
			"engine's first use in this JVM")
	protected int threads = 0;

	/**
	 * The device chosen by {@code device}, after applying {@code threads}; starts the engine.
	 *
	 * @throws IllegalArgumentException naming device or threads
	 */
	protected final Device device() {
		if (threads < 0) throw new IllegalArgumentException("threads: expected 0 (engine default) " +
			"or a positive count, got " + threads);
		if (threads > 0) EngineSession.threads(threads);
		return networkDevice();
	}

	/** Where the network is built, once the engine's threads are set. */
	protected Device networkDevice() {
		return EngineSession.device(device);
	}
}
