package org.transvw.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.common.Sha256;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Volume;
import org.transvw.data.normalize.Normalizations;
import org.transvw.discovery.dataset.DatasetHeader;
import org.transvw.discovery.dataset.InstanceRecord;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDataset;
import org.transvw.discovery.dataset.VisualWordDatasetWriter;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One pass over the collection before the auto-encoder: every scan on the collection's target
 * spacing in RAS ({@link Scans}), normalised and resized with anti-aliasing to the whole-scan
 * grid ({@link Resize}; method.md §2.2), stored as a
 * dataset of one record per patient (the visual-word format, so it streams from disk and a
 * crashed pass resumes), plus the survey of sizes and modalities the later checks need. 2D
 * images are resized to a 2D grid.
 * <p>
 * Fails naming the file when modalities are mixed or 2D and 3D images are mixed.
 */
final class ScanGrid {

	/** The resized scans, sizes per patient and the cache key of this pass. */
	record Result(VisualWordDataset grid, String key, long[][] dims) {}

	private ScanGrid() {}

	static Result build(final Scans scans, final boolean[] validation,
		final int[] grid, final Path cacheDir, final Progress progress, final Cancellation cancel)
		throws IOException
	{
		final int n = scans.size();
		final List<String> names = new ArrayList<>();
		for (int i = 0; i < n; i++)
			names.add(scans.name(i));
		final Map<String, Object> id = new LinkedHashMap<>(scans.key());
		id.put("grid", java.util.Arrays.stream(grid).boxed().toList());
		id.put("validation", java.util.Arrays.toString(validation));
		final String key = sha256(id.toString());
		final Path dir = cacheDir.resolve("grid-" + key);
		final Map<String, Object> params = new LinkedHashMap<>();
		params.put("purpose", "whole scans resized for the self-discovery feature extractor");
		final DatasetHeader h = new DatasetHeader(grid, 1, 1, scans.plan().convention(), 0, scans.collection()
			.fingerprint(), names, params);
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, h)) {
			for (int i = w.committedShards(); i < n; i++) {
				cancel.check();
				final Volume v = scans.volume(i);
				if (i > 0) {
					final Map<String, Object> first = w.shardMeta(0);
					Checks.require(v.modality().name().equals(first.get("modality")), scans.name(i),
						"the modality of the rest of the collection (" + first.get("modality") + ", e.g. " +
							scans.name(0) + "), got " + v.modality() + "; self-discovery needs one modality");
					Checks.require(v.numDimensions() == ((List<?>) first.get("dims")).size(), scans.name(
						i), "a " + ((List<?>) first.get("dims")).size() + "D image like " + scans.name(0) +
							", got " + v.numDimensions() + "D");
				}
				final RandomAccessibleInterval<FloatType> img = scans.normalized(i);
				Checks.require(img.numDimensions() == grid.length, "grid", grid.length + " sizes for " +
					"the " + img.numDimensions() + "D images of the collection (e.g. " + scans.name(i) +
					"), got " + java.util.Arrays.toString(grid));
				w.add(new InstanceRecord(0, i, 0, 0, 0, 1, 0, validation[i] ? Split.VALIDATION
					: Split.TRAIN), Resize.resize(img, grid));
				final Map<String, Object> meta = new LinkedHashMap<>();
				meta.put("modality", v.modality().name());
				meta.put("dims", java.util.Arrays.stream(v.dimensions()).boxed().toList());
				w.commitShard(meta);
				progress.report((i + 1.0) / n, "resizing scans " + (i + 1) + "/" + n);
			}
			w.finish();
		}
		final VisualWordDataset ds = VisualWordDataset.open(dir);
		final long[][] dims = new long[n][];
		for (int i = 0; i < n; i++)
			dims[i] = ((List<?>) ds.shardMeta(i).get("dims")).stream().mapToLong(o -> ((Number) o)
				.longValue()).toArray();
		return new Result(ds, key, dims);
	}

	/** First 16 hex digits of the SHA-256 of {@code text}. */
	static String sha256(final String text) {
		return Sha256.of(text).substring(0, 16);
	}
}
