package org.transvw.network.weights;

import java.io.IOException;

/**
 * A weight file asks for something a state dict never needs (a global outside the allow-list,
 * an object-construction opcode): it was refused before anything in it could run.
 */
public final class UnsafeWeightFileException extends IOException {

	private static final long serialVersionUID = 1L;

	public UnsafeWeightFileException(final String message) {
		super(message);
	}
}
