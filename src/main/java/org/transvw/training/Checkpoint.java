package org.transvw.training;

import org.transvw.common.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * A training checkpoint: one file holding the {@link TrainingState} as JSON followed by the
 * block's parameters in DJL's own parameter format (no Java serialization, no pickle). Written
 * to a temporary file in the same folder, then moved with {@code ATOMIC_MOVE}, so a crash or kill
 * leaves either the previous or the new checkpoint, never a torn one.
 * <p>
 * Layout: the 8 bytes {@code TVWCKPT1}, an int (big-endian) n, n bytes of UTF-8 JSON, then
 * {@link Block#saveParameters}.
 * <p>
 * Trap: DJL's {@code loadParameters} accepts a file whose shapes differ from the block's and
 * silently adopts them; {@link #load} therefore compares every parameter shape before and after.
 */
public final class Checkpoint {

	private static final byte[] MAGIC = "TVWCKPT1".getBytes(StandardCharsets.US_ASCII);
	private static final int MAX_JSON = 1 << 20;
	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues()
		.setPrettyPrinting().create();

	private Checkpoint() {}

	/** Writes {@code state} and the block's parameters to {@code file} atomically. */
	public static void write(final Path file, final Block block, final TrainingState state)
		throws IOException
	{
		AtomicFiles.write(file, os -> {
			final DataOutputStream out = new DataOutputStream(os);
			final byte[] json = GSON.toJson(state).getBytes(StandardCharsets.UTF_8);
			out.write(MAGIC);
			out.writeInt(json.length);
			out.write(json);
			block.saveParameters(out);
			out.flush();
		});
	}

	/** Reads only the state of a checkpoint (cheap: the weights are not read). */
	public static TrainingState readState(final Path file) throws IOException {
		try (InputStream is = Files.newInputStream(file);
			DataInputStream in = new DataInputStream(new BufferedInputStream(is)))
		{
			return readHeader(file, in);
		}
	}

	/**
	 * Loads the weights of {@code file} into {@code block} (same architecture) in
	 * {@code manager} and returns the state.
	 *
	 * @throws IOException naming the file when it is not a checkpoint or its shapes differ
	 */
	public static TrainingState load(final Path file, final Block block, final NDManager manager)
		throws IOException
	{
		final List<Shape> before = shapes(block);
		try (InputStream is = Files.newInputStream(file);
			DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16)))
		{
			final TrainingState state = readHeader(file, in);
			block.loadParameters(manager, in);
			final List<Shape> after = shapes(block);
			if (!before.equals(after)) throw new IOException(file +
				": checkpoint parameter shapes differ from the network's (another architecture?)");
			for (final Pair<String, Parameter> p : block.getParameters())
				if (p.getValue().requiresGradient()) p.getValue().getArray().setRequiresGradient(true);
			return state;
		}
		catch (final MalformedModelException e) {
			throw new IOException(file + ": not readable as this network's weights: " + e
				.getMessage(), e);
		}
	}

	private static TrainingState readHeader(final Path file, final DataInputStream in)
		throws IOException
	{
		final byte[] magic = new byte[MAGIC.length];
		in.readFully(magic);
		if (!Arrays.equals(magic, MAGIC)) throw new IOException(file +
			": not a TransVW training checkpoint (bad header)");
		final int n = in.readInt();
		if (n <= 0 || n > MAX_JSON) throw new IOException(file + ": corrupt checkpoint header");
		final byte[] json = new byte[n];
		in.readFully(json);
		try {
			final TrainingState s = GSON.fromJson(new String(json, StandardCharsets.UTF_8),
				TrainingState.class);
			if (s == null || s.lr() == null || s.stopping() == null) throw new IOException(file +
				": checkpoint state incomplete");
			return s;
		}
		catch (final JsonParseException e) {
			throw new IOException(file + ": corrupt checkpoint state: " + e.getMessage(), e);
		}
	}

	private static List<Shape> shapes(final Block block) {
		final List<Shape> s = new ArrayList<>();
		for (final Pair<String, Parameter> p : block.getParameters())
			s.add(p.getValue().getArray().getShape());
		return s;
	}
}
