package org.transvw.network.weights;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * Reads Keras 2 HDF5 weights with the pure-Java jHDF reader: a full-model file
 * ({@code model_weights/<layer>/<layer>/<param>:0}, what {@code ModelCheckpoint} writes) or a
 * weights-only file ({@code <layer>/<layer>/<param>:0}, {@code save_weights}). Returns
 * "layer/param" (without ":0") -> tensor in Keras layout, e.g. {@code depth_0_conv/kernel}
 * (3, 3, 3, in, out). method.md §7. Nothing in the file is executed (HDF5 holds data only).
 */
public final class KerasH5Reader {

	private KerasH5Reader() {}

	/** @throws IOException naming the file (not HDF5, truncated, non-float dataset) */
	public static Map<String, WeightTensor> read(final Path file) throws IOException {
		try (HdfFile h5 = new HdfFile(file)) {
			final Node mw = h5.getChildren().get("model_weights");
			final Group base = mw instanceof Group g ? g : h5;
			final Map<String, WeightTensor> out = new LinkedHashMap<>();
			for (final Node layer : base.getChildren().values())
				if (layer instanceof Group g) collect(g, layer.getName(), out, file);
			if (out.isEmpty()) throw new IOException(file + ": no Keras layer weights found");
			return out;
		}
		catch (final HdfException | IllegalArgumentException | IllegalStateException
			| UnsupportedOperationException ex)
		{
			throw new IOException(file + ": not a readable Keras HDF5 weight file (truncated?): " + ex
				.getMessage(), ex);
		}
	}

	private static void collect(final Group g, final String layer,
		final Map<String, WeightTensor> out, final Path file) throws IOException
	{
		for (final Node n : g.getChildren().values()) {
			if (n instanceof Group sub) collect(sub, layer, out, file);
			else if (n instanceof Dataset d) {
				String param = d.getName();
				if (param.endsWith(":0")) param = param.substring(0, param.length() - 2);
				final String key = layer + "/" + param;
				out.put(key, tensor(d, key, file));
			}
		}
	}

	private static WeightTensor tensor(final Dataset d, final String key, final Path file)
		throws IOException
	{
		final long[] shape = Arrays.stream(d.getDimensions()).asLongStream().toArray();
		final Object flat = d.getDataFlat();
		final int n = flat == null ? 0 : Array.getLength(flat);
		final float[] v = new float[n];
		if (flat instanceof float[] f) System.arraycopy(f, 0, v, 0, n);
		else if (flat instanceof double[] dd) for (int i = 0; i < n; i++)
			v[i] = (float) dd[i];
		else throw new IOException(file + ": dataset " + key + " is " + d.getJavaType()
			.getSimpleName() + ", expected float32 or float64");
		return WeightTensor.of(shape, v);
	}
}
