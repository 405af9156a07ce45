package org.transvw.perturbation.op;

import java.util.ArrayList;
import java.util.List;

import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.PluginService;
import org.transvw.common.Checks;

/**
 * Finds perturbation ops by name through SciJava's {@link PluginService}.
 * <pre>{@code
 * PerturbationOp op = PerturbationOps.create(context.service(PluginService.class), "transvw.shuffle");
 * ((LocalShuffleOp) op).blocks = 10_000;
 * Img<FloatType> out = op.apply(cube, RandomStreams.seeded(1));
 * }</pre>
 */
public final class PerturbationOps {

	/** Prefix of every op name. */
	public static final String PREFIX = "transvw.";

	private PerturbationOps() {}

	/** Names of every discovered op, sorted. */
	public static List<String> names(final PluginService plugins) {
		final List<String> names = new ArrayList<>();
		for (final PluginInfo<PerturbationOp> info : plugins.getPluginsOfType(PerturbationOp.class))
			names.add(info.getName());
		names.sort(null);
		return names;
	}

	/**
	 * A new instance of the op called {@code name}, with its default parameters.
	 *
	 * @throws IllegalArgumentException naming the known ops
	 */
	public static PerturbationOp create(final PluginService plugins, final String name) {
		for (final PluginInfo<PerturbationOp> info : plugins.getPluginsOfType(PerturbationOp.class))
			if (info.getName().equals(name)) return plugins.createInstance(info);
		Checks.require(false, "op", "one of " + names(plugins) + ", got '" + name + "'");
		return null;
	}
}
