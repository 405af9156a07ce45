package org.transvw.perturbation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;

/** The one transform registry: names, prefixes, defaults, the refusal. */
public class TransformsTest {

	@Test
	public void everyNameBuildsTheTransformOfThatName() {
		assertEquals(List.of("contextswap", "elastic", "flip", "identity", "inpainting", "nonlinear",
			"outpainting", "rotation", "shuffle"), Transforms.names());
		for (final String n : Transforms.names()) {
			assertEquals(n, Transforms.byName(n).name());
			assertEquals(n, Transforms.byName(Transforms.OP_PREFIX + n).name());
			assertTrue(Transforms.isTransform(" TransVW." + n.toUpperCase(java.util.Locale.ROOT)));
			assertNotSame(Transforms.byName(n), Transforms.byName(n));
		}
		assertEquals(Transforms.names().size(), Transforms.opNames().size());
		assertTrue(Transforms.opNames().stream().allMatch(n -> n.startsWith(Transforms.OP_PREFIX)));
	}

	@Test
	public void defaultsAreTheMethodsDefaults() {
		assertEquals(LocalShuffle.TRANSVW_BLOCKS, ((LocalShuffle) Transforms.byName("shuffle"))
			.blocks());
	}

	@Test
	public void unknownNamesListTheKnownOnes() {
		assertFalse(Transforms.isTransform("blur"));
		assertFalse(Transforms.isTransform(null));
		try {
			Transforms.byName("transvw.blur");
			fail("an unknown transform was accepted");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith(
				"transform: expected one of [transvw.contextswap, transvw.elastic"));
		}
	}
}
