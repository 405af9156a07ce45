package org.transvw.discovery;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class NearestPatientsTest {

	@Test
	public void neighboursAreSortedByL2DistanceWithTheReferenceFirst() {
		// setup: 1D features; patient 3 duplicates the reference's feature
		final float[][] train = { { 0 }, { 10 }, { 3 }, { 10 }, { -1 }, { 7 } };
		final float[][] val = { { 100 }, { 9 }, { 12 }, { 0 } };
		final NearestPatients np = new NearestPatients(train, val);
		// process
		final int[] k4 = np.nearestTrain(3, 4);
		final int[] v2 = np.nearestValidation(3, 2);
		// test: the reference first even though patient 1 ties at distance 0, then by distance
		assertArrayEquals(new int[] { 3, 1, 5, 2 }, k4);
		assertArrayEquals(new int[] { 1, 2 }, v2);
		assertEquals(0, np.nearestValidation(0, 0).length);
	}

	@Test(expected = IllegalArgumentException.class)
	public void kLargerThanTheCollectionIsRefused() {
		new NearestPatients(new float[][] { { 0 }, { 1 } }, new float[0][]).nearestTrain(0, 3);
	}
}
