package org.transvw.data.geometry;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

import com.google.gson.Gson;

/** Grids: world mapping, tolerant matching, description and JSON map round trip. */
public class GridTest {

	private static final Grid LPS = new Grid(new long[] { 10, 20, 30 }, new double[] { 0.5, 0.8,
		2 }, new double[] { 10, 20, -5 }, new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 });

	@Test
	public void worldFollowsOriginDirectionAndSpacing() {
		assertArrayEquals(new double[] { 10, 20, -5 }, LPS.world(0, 0, 0), 0);
		assertArrayEquals(new double[] { 9, 19.2, -1 }, LPS.world(2, 1, 2), 1e-12);
		assertEquals(0.8, LPS.voxelVolume(), 1e-12);
		assertEquals(6000, LPS.size());
	}

	@Test
	public void matchingToleratesFloat32HeadersOnly() {
		final Grid rounded = new Grid(LPS.dims(), new double[] { 0.50000001, 0.8, 2 }, new double[] {
			10.000001, 20, -5 }, LPS.direction());
		assertTrue(LPS.matches(rounded));
		assertFalse(LPS.equals(rounded));
		assertFalse(LPS.matches(new Grid(LPS.dims(), new double[] { 0.5, 0.8, 2.01 }, LPS.origin(),
			LPS.direction())));
		assertFalse(LPS.matches(new Grid(LPS.dims(), LPS.spacing(), new double[] { 10.1, 20, -5 },
			LPS.direction())));
		assertFalse(LPS.matches(new Grid(new long[] { 10, 20, 31 }, LPS.spacing(), LPS.origin(), LPS
			.direction())));
	}

	@Test
	public void describesItselfAndRoundTripsThroughJson() {
		assertEquals("[10, 20, 30] voxels of [0.5, 0.8, 2] mm, origin [10, 20, -5] mm, LPS", LPS
			.describe());
		final Gson gson = new Gson();
		final Map<?, ?> parsed = gson.fromJson(gson.toJson(LPS.toMap()), Map.class);
		assertEquals(LPS, Grid.fromMap(parsed, "grid"));
	}
}
