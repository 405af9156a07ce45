package org.transvw.network.export;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.transvw.common.AtomicFiles;
import org.transvw.common.Checks;
import org.transvw.network.weights.WeightTensor;

/**
 * Writes a state dict as a {@code torch.save} zip file that {@code torch.load} reads (with or
 * without {@code weights_only}) and that our own restricted reader
 * ({@code network.weights.TorchCheckpoint}) reads back.
 * <p>
 * Layout (PyTorch's zip serialisation, format version 3): {@code archive/data.pkl} — a pickle
 * (protocol 2) of a {@code collections.OrderedDict} name -> tensor, each tensor
 * {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())} over a
 * persistent id {@code ('storage', torch.FloatStorage, key, 'cpu', numel)};
 * {@code archive/byteorder} ("little"); {@code archive/data/<key>} — the raw little-endian
 * elements of storage {@code key} (one per tensor, C order); {@code archive/version} ("3").
 * Entries are stored uncompressed with their data aligned to 64 bytes, as PyTorch writes them
 * (so memory-mapped loading works too). Float tensors are float32; an {@code int64} tensor
 * without values (our reader's {@code num_batches_tracked}) is written as zeros.
 * <p>
 * A file is written atomically ({@link AtomicFiles}) and is byte-for-byte deterministic for the
 * same input (fixed entry times).
 */
public final class TorchZipWriter {

	/** The folder name inside the zip. */
	public static final String ARCHIVE = "archive";
	private static final int ALIGNMENT = 64;
	/** 1980-01-01 00:00 plus a day: a fixed DOS time, so identical inputs give identical files. */
	private static final long FIXED_TIME = 315_532_800_000L + 86_400_000L;
	/** Extra-field id PyTorch pads with ("FB"). */
	private static final int PAD_ID = 0x4246;

	private TorchZipWriter() {}

	/**
	 * Writes {@code stateDict} (insertion order kept) to {@code file}, atomically
	 * ({@link AtomicFiles#write}).
	 */
	public static void write(final Map<String, WeightTensor> stateDict, final Path file)
		throws IOException
	{
		Checks.notNull(stateDict, "state dict");
		AtomicFiles.write(Checks.notNull(file, "file"), out -> write(stateDict, out));
	}

	/** The file's bytes, as {@link #write(Map, Path)} writes them. */
	public static byte[] bytes(final Map<String, WeightTensor> stateDict) throws IOException {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		write(stateDict, b);
		return b.toByteArray();
	}

	/**
	 * Writes the zip to {@code out}, which must be at the start of the file (the data alignment
	 * counts from there); {@code out} is flushed, not closed.
	 */
	public static void write(final Map<String, WeightTensor> stateDict, final OutputStream out)
		throws IOException
	{
		Checks.notNull(stateDict, "state dict");
		try (CountingStream count = new CountingStream(Checks.notNull(out, "stream"));
			ZipOutputStream zip = new ZipOutputStream(count))
		{
			stored(zip, count, ARCHIVE + "/data.pkl", pickle(stateDict));
			stored(zip, count, ARCHIVE + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
			int key = 0;
			for (final WeightTensor t : stateDict.values())
				stored(zip, count, ARCHIVE + "/data/" + key++, storage(t));
			stored(zip, count, ARCHIVE + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
		}
	}

	/** The raw little-endian elements of one tensor. */
	private static byte[] storage(final WeightTensor t) {
		final long numel = numel(t.shape());
		final boolean isLong = "int64".equals(t.dtype());
		Checks.require(isLong || t.hasValues(), "tensor", "float32 values or an int64 counter, got " +
			t.dtype() + " without values");
		final ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(numel * (isLong ? 8 : 4))).order(
			ByteOrder.LITTLE_ENDIAN);
		if (!isLong) for (final float v : t.values())
			b.putFloat(v);
		return b.array();
	}

	private static long numel(final long[] shape) {
		long n = 1;
		for (final long s : shape)
			n *= s;
		return n;
	}

	/** data.pkl: protocol 2, the OrderedDict of rebuilt tensors. */
	static byte[] pickle(final Map<String, WeightTensor> stateDict) {
		final Pickle p = new Pickle();
		p.proto();
		p.global("collections", "OrderedDict");
		p.op(')').op('R'); // OrderedDict()
		p.op('(');
		int key = 0;
		for (final Map.Entry<String, WeightTensor> e : stateDict.entrySet()) {
			final WeightTensor t = e.getValue();
			final long[] shape = t.shape();
			final boolean isLong = "int64".equals(t.dtype());
			p.string(e.getKey());
			p.global("torch._utils", "_rebuild_tensor_v2");
			p.op('(');
			// persistent id ('storage', storage type, key, location, numel)
			p.op('(');
			p.string("storage");
			p.global("torch", isLong ? "LongStorage" : "FloatStorage");
			p.string(Integer.toString(key++));
			p.string("cpu");
			p.integer(numel(shape));
			p.op('t').op('Q');
			p.integer(0); // storage offset
			p.tuple(shape);
			p.tuple(strides(shape));
			p.op(0x89); // requires_grad False
			p.global("collections", "OrderedDict");
			p.op(')').op('R'); // backward hooks
			p.op('t').op('R');
		}
		p.op('u').op('.');
		return p.bytes();
	}

	private static long[] strides(final long[] shape) {
		final long[] s = new long[shape.length];
		long k = 1;
		for (int d = shape.length - 1; d >= 0; d--) {
			s[d] = k;
			k *= shape[d];
		}
		return s;
	}

	/** A stored (uncompressed) entry whose data starts at a multiple of {@link #ALIGNMENT}. */
	private static void stored(final ZipOutputStream zip, final CountingStream count,
		final String name, final byte[] data) throws IOException
	{
		final ZipEntry e = new ZipEntry(name);
		e.setMethod(ZipEntry.STORED);
		e.setSize(data.length);
		e.setCompressedSize(data.length);
		final CRC32 crc = new CRC32();
		crc.update(data);
		e.setCrc(crc.getValue());
		e.setTime(FIXED_TIME);
		// local header: 30 bytes + name + extra; the extra field pads the data start
		final int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
		final long start = count.count + 30 + nameLength + 4;
		final int pad = (int) ((ALIGNMENT - start % ALIGNMENT) % ALIGNMENT);
		final byte[] extra = new byte[4 + pad];
		extra[0] = (byte) PAD_ID;
		extra[1] = (byte) (PAD_ID >> 8);
		extra[2] = (byte) pad;
		extra[3] = (byte) (pad >> 8);
		e.setExtra(extra);
		zip.putNextEntry(e);
		zip.write(data);
		zip.closeEntry();
	}

	/**
	 * Counts the bytes the zip stream writes (to place the data of each entry); closing it only
	 * flushes the caller's stream.
	 */
	private static final class CountingStream extends FilterOutputStream {

		long count;

		CountingStream(final OutputStream out) {
			super(out);
		}

		@Override
		public void close() throws IOException {
			out.flush();
		}

		@Override
		public void write(final int b) throws IOException {
			out.write(b);
			count++;
		}

		@Override
		public void write(final byte[] b, final int off, final int len) throws IOException {
			out.write(b, off, len);
			count += len;
		}
	}

	/** The few pickle opcodes a state dict needs (protocol 2). */
	private static final class Pickle {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		void proto() {
			out.write(0x80);
			out.write(2);
		}

		Pickle op(final int code) {
			out.write(code);
			return this;
		}

		void global(final String module, final String name) {
			out.write('c');
			out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
		}

		void string(final String s) {
			final byte[] b = s.getBytes(StandardCharsets.UTF_8);
			out.write('X');
			int32(b.length);
			out.writeBytes(b);
		}

		void integer(final long v) {
			if (v >= 0 && v < 256) {
				out.write('K');
				out.write((int) v);
			}
			else if (v >= 0 && v < 65536) {
				out.write('M');
				out.write((int) (v & 0xff));
				out.write((int) (v >> 8));
			}
			else {
				Checks.require(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE, "tensor size",
					"fewer than 2^31 elements, got " + v);
				out.write('J');
				int32((int) v);
			}
		}

		void tuple(final long[] values) {
			if (values.length == 0) {
				out.write(')');
				return;
			}
			out.write('(');
			for (final long v : values)
				integer(v);
			out.write('t');
		}

		private void int32(final int v) {
			for (int i = 0; i < 4; i++)
				out.write((v >> (8 * i)) & 0xff);
		}

		byte[] bytes() {
			return out.toByteArray();
		}
	}
}
