package org.transvw.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

public class CancellationTest {

	@Test
	public void neverIsNeverCancelled() {
		Cancellation.NEVER.check();
		assertFalse(Cancellation.NEVER.isCancelled());
	}

	@Test
	public void createdTokenIsCancelledOnlyAfterCancel() {
		// setup
		final Cancellation c = Cancellation.create();
		// test: nothing happens before cancel
		assertFalse(c.isCancelled());
		c.check();
		// process
		c.cancel();
		// test: check() throws from then on, with a message for the user
		assertTrue(c.isCancelled());
		try {
			c.check();
			fail("check() after cancel() must throw");
		}
		catch (final CancellationException e) {
			assertEquals("Cancelled by the user", e.getMessage());
		}
		assertTrue("cancel is permanent", c.isCancelled());
	}

	@Test
	public void tokenOfASourceFollowsItAndCancelStillWins() {
		// setup: e.g. a command's isCanceled()
		final AtomicBoolean canceled = new AtomicBoolean();
		final AtomicInteger asked = new AtomicInteger();
		final Cancellation c = Cancellation.of(() -> {
			asked.incrementAndGet();
			return canceled.get();
		});
		// test: read each time, not once
		assertFalse(c.isCancelled());
		canceled.set(true);
		assertTrue(c.isCancelled());
		canceled.set(false);
		assertFalse(c.isCancelled());
		assertEquals(3, asked.get());
		// process: cancelling the token itself does not need the source
		c.cancel();
		// test
		assertTrue(c.isCancelled());
	}

	@Test(timeout = 10_000)
	public void aWorkerPollingTheTokenStopsWhenAnotherThreadCancels() throws Exception {
		// setup: a worker doing units of work and checking between them
		final Cancellation c = Cancellation.create();
		final CountDownLatch started = new CountDownLatch(1);
		final AtomicReference<Throwable> ended = new AtomicReference<>();
		final AtomicInteger units = new AtomicInteger();
		final Thread worker = new Thread(() -> {
			try {
				while (true) {
					c.check();
					units.incrementAndGet();
					started.countDown();
					Thread.onSpinWait();
				}
			}
			catch (final Throwable t) {
				ended.set(t);
			}
		});
		worker.start();
		started.await();
		// process
		c.cancel();
		worker.join();
		// test
		assertTrue(ended.get() instanceof CancellationException);
		assertTrue(units.get() >= 1);
	}
}
