package org.transvw.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.transvw.data.io.VolumeIO;
import org.transvw.data.phantom.ChestPhantom;
import org.transvw.data.phantom.PhantomCase;
import org.transvw.data.phantom.PhantomConfig;

/**
 * Phantom generation (and NIfTI write) time: {@code transvw-bench phantom [SIZE DEPTH [REPEATS]]},
 * default 128 64 3. Prints one JSON line per measurement; the first case warms the JIT up.
 */
public final class PhantomBenchmark {

	private PhantomBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final int size = args.length > 0 ? Integer.parseInt(args[0]) : 128;
		final int depth = args.length > 1 ? Integer.parseInt(args[1]) : 64;
		final int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
		final PhantomConfig config = PhantomConfig.defaults().withSize(size, size, depth);
		final String shape = size + "x" + size + "x" + depth;
		ChestPhantom.generate(config, 0, 0);
		final Path tmp = Files.createTempFile("phantom", ".nii.gz");
		try {
			for (int i = 1; i <= repeats; i++) {
				long t0 = System.nanoTime();
				final PhantomCase c = ChestPhantom.generate(config, 0, i);
				final double gen = (System.nanoTime() - t0) / 1e6;
				t0 = System.nanoTime();
				VolumeIO.write(c.ct(), tmp);
				final double write = (System.nanoTime() - t0) / 1e6;
				System.out.println(String.format(Locale.ROOT,
					"{\"bench\": \"phantom-generate\", \"value\": %.1f, \"unit\": \"ms\", \"size\": \"%s\", \"threads\": %d}",
					gen, shape, Runtime.getRuntime().availableProcessors()));
				System.out.println(String.format(Locale.ROOT,
					"{\"bench\": \"phantom-write-nii-gz-float32\", \"value\": %.1f, \"unit\": \"ms\", \"size\": \"%s\", \"bytes\": %d}",
					write, shape, Files.size(tmp)));
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
