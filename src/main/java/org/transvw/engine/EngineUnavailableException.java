package org.transvw.engine;

/**
 * The PyTorch engine cannot start on this machine for a reason the user can fix (natives not
 * installed, no network for the one-time download, an unwritable engine cache, natives that do
 * not load); the message says what to do ({@link EngineFailure#userMessage}).
 * <p>
 * NB: an {@link IllegalArgumentException}, the house's unchecked user-error type that every
 * command reports as its cancel reason: the cure lies in the user's installation, not in the
 * code. Failures of other kinds are not wrapped.
 */
public final class EngineUnavailableException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient EngineFailure failure;

	EngineUnavailableException(final String message, final EngineFailure failure,
		final Throwable cause)
	{
		super(message, cause);
		this.failure = failure;
	}

	/** The classified failure. */
	public EngineFailure failure() {
		return failure;
	}
}
