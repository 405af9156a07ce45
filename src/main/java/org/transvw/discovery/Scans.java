package org.transvw.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.AtomicFiles;
import org.transvw.common.Sha256;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.normalize.Normalizations;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;
import org.transvw.data.prepare.PreparedVolume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The patients of a collection as the feature extractor and the crops see them, loaded on
 * demand (the collection never needs to fit in memory): every scan brought to the collection's
 * target spacing in RAS by the {@link InputPlan} (method.md §2.1), then normalised. A scan that
 * the geometry step resamples is computed once and kept in {@code cache/prepared-<key>/} (float
 * NIfTI of the resampled raw intensities plus its {@code .geometry.json} plan, which maps the
 * visual words' coordinates back onto the original scan); later reads take that copy. Remembers
 * the last loaded patient, because self-discovery reads the reference patient twice in a row
 * (coordinate test, then crops). Not thread-safe.
 */
final class Scans {

	private final VolumeCollection collection;
	private final InputPlan plan;
	private final Path cache;
	private int lastIndex = -1;
	private Volume last;

	/**
	 * @param cacheDir the self-discovery cache folder (resampled scans go below it)
	 */
	Scans(final VolumeCollection collection, final InputPlan plan, final Path cacheDir)
		throws IOException
	{
		this.collection = collection;
		this.plan = plan;
		this.cache = cacheDir.resolve("prepared-" + Sha256.of(key().toString()).substring(0, 16));
	}

	/**
	 * Decides the input plan of a collection: grids from the headers, the modality on the first
	 * scan (unless given).
	 */
	static InputPlan plan(final VolumeCollection collection, final InputOptions options)
		throws IOException
	{
		final List<String> names = new ArrayList<>();
		final List<Grid> grids = new ArrayList<>();
		for (int i = 0; i < collection.size(); i++) {
			names.add(collection.path(i).getFileName().toString());
			grids.add(collection.grid(i));
		}
		return InputPlan.decide(names, grids, collection.load(0), options, null);
	}

	VolumeCollection collection() {
		return collection;
	}

	InputPlan plan() {
		return plan;
	}

	/** What the prepared scans depend on besides the files: cache keys include it. */
	Map<String, Object> key() throws IOException {
		final Map<String, Object> k = new LinkedHashMap<>();
		k.put("fingerprint", collection.fingerprint());
		k.put("input", plan.convention().toMap());
		k.put("geometry", plan.geometry().crop().toMap());
		return k;
	}

	int size() {
		return collection.size();
	}

	/** The file (or DICOM folder) name of patient {@code i}, as error messages show it. */
	String name(final int i) {
		return collection.path(i).getFileName().toString();
	}

	/**
	 * Patient {@code i} on the target grid, raw intensities, modality decided (checked against
	 * the collection's).
	 */
	Volume volume(final int i) throws IOException {
		if (i == lastIndex) return last;
		final Path file = cache.resolve(i + ".nii");
		final Volume v;
		if (Files.isRegularFile(file)) v = VolumeIO.read(file);
		else {
			final PreparedVolume p = plan.prepare(collection.load(i), name(i));
			v = p.resampled();
			if (!p.plan().isIdentity()) {
				Files.createDirectories(cache);
				AtomicFiles.writeString(cache.resolve(i + ".geometry.json"), p.plan().toJson());
				VolumeIO.write(v, file);
			}
		}
		last = v;
		lastIndex = i;
		return v;
	}

	/**
	 * Patient {@code i} on the target grid, normalised with the plan's recipe
	 * ({@link Normalizations#forModel}: a lazy view).
	 */
	RandomAccessibleInterval<FloatType> normalized(final int i) throws IOException {
		return Normalizations.forModel(volume(i), plan.recipe()).floats();
	}
}
