package org.transvw.common;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A cooperative cancellation token. Core loops call {@link #check()} between units of work
 * (a batch, a tile, a patient); commands wire it to {@code isCanceled()}.
 */
public final class Cancellation {

	/** A token that is never cancelled. */
	public static final Cancellation NEVER = new Cancellation(() -> false);

	private final BooleanSupplier source;
	private volatile boolean cancelled;

	private Cancellation(final BooleanSupplier source) {
		this.source = source;
	}

	/** A token that can be cancelled with {@link #cancel()}. */
	public static Cancellation create() {
		return new Cancellation(() -> false);
	}

	/** A token that is cancelled whenever {@code source} answers true (e.g. a command's isCanceled). */
	public static Cancellation of(final BooleanSupplier source) {
		return new Cancellation(source);
	}

	public void cancel() {
		cancelled = true;
	}

	public boolean isCancelled() {
		return cancelled || source.getAsBoolean();
	}

	/** @throws CancellationException if cancelled */
	public void check() {
		if (isCancelled()) throw new CancellationException("Cancelled by the user");
	}
}
