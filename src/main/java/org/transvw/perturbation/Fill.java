package org.transvw.perturbation;

/**
 * What in-painting holes and the out-painting background are filled with (method.md §3.1): fresh
 * U[0, 1) noise per voxel (PyTorch reference, Models Genesis) or one U[0, 1) constant per call
 * (Keras reference).
 */
public enum Fill {
	NOISE, CONSTANT
}
