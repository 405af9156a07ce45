package org.transvw.data.phantom;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.data.Volume;

/**
 * Phantom chest radiographs: the {@link Drr} of {@link ChestPhantom} case {@code index} of the
 * same seed, with its nodule mask projected and quantum noise from
 * {@code fork("radiograph-noise").fork(index)}. So radiograph i is exactly the projection of CT
 * case i, patients come in the CT phantom's groups of look-alikes (recurring anatomy for
 * self-discovery, method.md §2), and the result does not depend on the number of threads.
 *
 * <pre>{@code
 * RadiographCase c = RadiographPhantom.generate(RadiographConfig.defaults(), 42, 0);
 * Volume xray = c.image(); // 256 x 256, 1.35 x 1.25 mm, line integrals
 * }</pre>
 */
public final class RadiographPhantom {

	private RadiographPhantom() {}

	/** Generates case {@code index} of the collection defined by {@code config} and {@code seed}. */
	public static RadiographCase generate(final RadiographConfig config, final long seed,
		final int index)
	{
		Checks.notNull(config, "config");
		final PhantomCase ct = ChestPhantom.generate(config.ct(), seed, index);
		Volume image = Drr.project(ct.ct());
		if (config.photons() > 0) image = Drr.withQuantumNoise(image, config.photons(), RandomStreams
			.seeded(seed).fork("radiograph-noise").fork(index));
		return new RadiographCase(image, Drr.projectMask(ct.ct(), ct.lesions()), ct.group(),
			PhantomCollection.countComponents(ct));
	}
}
