package org.transvw.common;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.Test;

public class SeededSplitTest {

	@Test
	public void partsAreDisjointCoverEverythingAndFollowTheSeededShuffle() {
		// setup: the order a seeded shuffle gives by hand
		final int[] order = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		RandomStreams.seeded(7).fork("validation split").shuffle(order);
		// process
		final SeededSplit s = SeededSplit.draw(10, 3, RandomStreams.seeded(7).fork(
			"validation split"));
		// test
		assertArrayEquals(new int[] { order[0], order[1], order[2] }, s.chosen());
		assertArrayEquals(java.util.Arrays.copyOfRange(order, 3, 10), s.rest());
		final Set<Integer> all = new HashSet<>();
		for (final int i : s.chosen())
			all.add(i);
		for (final int i : s.rest())
			assertTrue(all.add(i));
		assertEquals(10, all.size());
		final boolean[] mask = s.chosenMask();
		for (int i = 0; i < 10; i++)
			assertEquals(all.contains(i) && contains(s.chosen(), i), mask[i]);
	}

	@Test
	public void sameStreamSameSplitOtherSeedOtherSplit() {
		final SeededSplit a = SeededSplit.draw(50, 10, RandomStreams.seeded(1).fork("split"));
		final SeededSplit b = SeededSplit.draw(50, 10, RandomStreams.seeded(1).fork("split"));
		final SeededSplit c = SeededSplit.draw(50, 10, RandomStreams.seeded(2).fork("split"));
		assertArrayEquals(a.chosen(), b.chosen());
		assertFalse(java.util.Arrays.equals(a.chosen(), c.chosen()));
	}

	@Test
	public void holdOutRoundsAndKeepsOneOnEachSide() {
		final RandomStreams r = RandomStreams.seeded(3);
		assertEquals(2, SeededSplit.holdOut(10, 0.2, 1, r).chosen().length);
		assertEquals(3, SeededSplit.holdOut(10, 0.25, 1, r).chosen().length); // round(2.5) = 3
		assertEquals(1, SeededSplit.holdOut(3, 0.01, 1, r).chosen().length); // at least one
		assertEquals(0, SeededSplit.holdOut(3, 0.01, 0, r).chosen().length);
		assertEquals(2, SeededSplit.holdOut(3, 1.0, 1, r).chosen().length); // one stays
		assertEquals(1, SeededSplit.holdOut(2, 0.5, 1, r).rest().length);
	}

	@Test
	public void itemsFollowTheIndices() {
		final List<String> items = List.of("a", "b", "c", "d", "e");
		final SeededSplit s = SeededSplit.draw(5, 2, RandomStreams.seeded(9));
		final List<String> chosen = s.chosen(items), rest = s.rest(items);
		final List<String> expected = new ArrayList<>();
		for (final int i : s.chosen())
			expected.add(items.get(i));
		assertEquals(expected, chosen);
		assertEquals(3, rest.size());
		assertTrue(rest.stream().noneMatch(chosen::contains));
	}

	@Test
	public void groupsNeverStraddleTheSplit() {
		// setup: 9 cubes from 4 source volumes, unevenly many per volume
		final List<String> sources = List.of("p1", "p2", "p1", "p3", "p4", "p2", "p1", "p4", "p3");
		for (long seed = 1; seed <= 20; seed++) {
			// process
			final SeededSplit s = SeededSplit.holdOutGroups(sources, 0.25, 1, RandomStreams.seeded(
				seed));
			// test: one volume held out, with all of its cubes, none of them in the rest
			final java.util.Set<String> held = new java.util.HashSet<>(s.chosen(sources));
			final java.util.Set<String> kept = new java.util.HashSet<>(s.rest(sources));
			assertEquals(1, held.size());
			assertTrue(java.util.Collections.disjoint(held, kept));
			assertEquals(9, s.chosen().length + s.rest().length);
			assertEquals(java.util.Collections.frequency(sources, held.iterator().next()), s
				.chosen().length);
		}
		expect(() -> SeededSplit.holdOutGroups(List.of("a", "a"), 0.5, 1, RandomStreams.seeded(1)),
			"groups: expected more than 1 distinct groups");
	}

	@Test
	public void badInputNamesTheParameter() {
		expect(() -> SeededSplit.draw(3, 4, RandomStreams.seeded(1)), "count: expected");
		expect(() -> SeededSplit.holdOut(1, 0.5, 1, RandomStreams.seeded(1)), "items: expected");
		expect(() -> SeededSplit.holdOut(5, 1.5, 1, RandomStreams.seeded(1)), "fraction: expected");
		expect(() -> SeededSplit.draw(3, 1, RandomStreams.seeded(1)).chosen(List.of("a")),
			"items: expected 3 items");
	}

	private static boolean contains(final int[] a, final int v) {
		for (final int x : a)
			if (x == v) return true;
		return false;
	}

	private static void expect(final Runnable r, final String start) {
		try {
			r.run();
			fail("expected " + start);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith(start));
		}
	}
}
