package org.transvw.pretraining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDataset;
import org.transvw.common.Sha256;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A {@link CubeSource} over a visual-word dataset folder (memory-mapped shards, streamed from
 * disk; thread-safe reads): 3D cubes or 2D patches, as self-discovery wrote them. The fingerprint is the SHA-256 of {@code manifest.json}, which
 * lists every shard's record counts, the collection fingerprint and the generation seed.
 */
public final class VisualWordCubes implements CubeSource {

	private final VisualWordDataset dataset;
	private final String fingerprint;

	private VisualWordCubes(final VisualWordDataset dataset, final String fingerprint) {
		this.dataset = dataset;
		this.fingerprint = fingerprint;
	}

	/**
	 * Opens the dataset in {@code dir}.
	 *
	 * @throws IOException naming the folder when it is not a complete visual-word dataset
	 */
	public static VisualWordCubes open(final Path dir) throws IOException {
		final Path manifest = dir.resolve("manifest.json");
		if (!Files.isRegularFile(manifest)) throw new IOException("dataset: " + dir +
			" is not a visual-word dataset folder (no manifest.json)");
		final VisualWordDataset ds = VisualWordDataset.open(dir);
		try {
			return new VisualWordCubes(ds, "sha256:" + Sha256.of(Files.readAllBytes(manifest)));
		}
		catch (final IOException | RuntimeException e) {
			ds.close();
			throw e;
		}
	}

	@Override
	public int size(final Split split) {
		return dataset.size(split);
	}

	@Override
	public RandomAccessibleInterval<FloatType> cube(final Split split, final int index) {
		return dataset.cube(split, index);
	}

	@Override
	public int label(final Split split, final int index) {
		return dataset.record(split, index).label();
	}

	@Override
	public int[] cubeSize() {
		return dataset.cubeSize();
	}

	@Override
	public int numClasses() {
		return dataset.numClasses();
	}

	@Override
	public IntensityRecipe normalization() {
		return dataset.normalization();
	}

	@Override
	public InputConvention input() {
		return dataset.input();
	}

	@Override
	public String fingerprint() {
		return fingerprint;
	}

	@Override
	public void close() {
		dataset.close();
	}

}
