package org.transvw.network.weights;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restricted reader for the Python pickles inside {@code torch.save} files (protocols 2-5):
 * it evaluates only the constructs a state dict needs and never runs code.
 * <p>
 * Values: dicts and {@code collections.OrderedDict} become {@link LinkedHashMap}, lists and
 * tuples {@link List}, strings {@link String}, integers {@link Long} (or {@link BigInteger}),
 * floats {@link Double}, booleans, {@code None} null, tensors {@link TensorRef} (from
 * {@code torch._utils._rebuild_tensor_v2} over a persistent storage id), numpy scalars of plain
 * numeric dtypes as numbers ({@link NumpyScalars}; training scripts store e.g. their best loss so),
 * bytes as {@code byte[]}. The only globals
 * accepted are in {@link #ALLOWED}; any other one (e.g. {@code os.system}, {@code builtins.eval})
 * and every object-construction opcode ({@code INST}, {@code OBJ}, {@code NEWOBJ}, extension
 * registry) raises {@link UnsafeWeightFileException} at the moment it is read. Nothing is ever
 * resolved to a class, so refusing has no side effect.
 * <p>
 * Unlike Python's unpickler (which {@code torch.load} uses, and which executes whatever the file
 * says) this is safe on untrusted files (issue 7; STYLE anti-pattern 11).
 */
public final class PickleReader {

	/** Reference to a storage, from a persistent id ('storage', type, key, location, numel). */
	public record StorageRef(String dtype, String key, long numel) {}

	/** A tensor view of a storage: offset, size and stride in elements. */
	public record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

	/** An allowed global, kept as a marker (never resolved). */
	record Global(String module, String name) {

		String qualified() {
			return module + "." + name;
		}
	}

	private static final Map<String, String> STORAGE_TYPES = Map.ofEntries(Map.entry(
		"FloatStorage", "float32"), Map.entry("DoubleStorage", "float64"), Map.entry("HalfStorage",
			"float16"), Map.entry("BFloat16Storage", "bfloat16"), Map.entry("LongStorage", "int64"),
		Map.entry("IntStorage", "int32"), Map.entry("ShortStorage", "int16"), Map.entry(
			"CharStorage", "int8"), Map.entry("ByteStorage", "uint8"), Map.entry("BoolStorage",
				"bool"));

	private static final String ORDERED_DICT = "collections.OrderedDict";
	private static final String REBUILD_TENSOR = "torch._utils._rebuild_tensor_v2";
	private static final String REBUILD_PARAMETER = "torch._utils._rebuild_parameter";

	/** Every global a weight file may name. */
	public static final Set<String> ALLOWED;
	static {
		final java.util.TreeSet<String> s = new java.util.TreeSet<>(List.of(ORDERED_DICT,
			REBUILD_TENSOR, REBUILD_PARAMETER, NumpyScalars.DTYPE, NumpyScalars.SCALAR,
			NumpyScalars.SCALAR_NUMPY2, NumpyScalars.CODECS_ENCODE));
		STORAGE_TYPES.keySet().forEach(t -> s.add("torch." + t));
		ALLOWED = Collections.unmodifiableSet(s);
	}

	private static final Object MARK = new Object();

	private final ByteBuffer in;
	private final String source;
	private final List<Object> stack = new ArrayList<>();
	private final List<Integer> marks = new ArrayList<>();
	private final Map<Long, Object> memo = new HashMap<>();

	private PickleReader(final ByteBuffer in, final String source) {
		this.in = in.order(ByteOrder.LITTLE_ENDIAN);
		this.source = source;
	}

	/**
	 * Reads one pickle starting at {@code in}'s position and leaves the position after its STOP.
	 *
	 * @param source names the file / entry in error messages
	 * @throws UnsafeWeightFileException for a forbidden global or opcode
	 * @throws IOException for a malformed or truncated pickle
	 */
	public static Object read(final ByteBuffer in, final String source) throws IOException {
		final PickleReader r = new PickleReader(in, source);
		try {
			return r.run();
		}
		catch (final BufferUnderflowException | IndexOutOfBoundsException ex) {
			throw new IOException(source + ": the pickle ends early (truncated file?)", ex);
		}
		catch (final ClassCastException | IllegalArgumentException ex) {
			throw new IOException(source + ": malformed pickle: " + ex.getMessage(), ex);
		}
	}

	private Object run() throws IOException {
		while (true) {
			final int op = in.get() & 0xff;
			switch (op) {
				case 0x80 -> in.get(); // PROTO
				case 0x95 -> in.getLong(); // FRAME
				case '.' -> { // STOP
					final Object result = pop();
					PickleGraph.requireTree(result, source);
					return result;
				}
				case '(' -> marks.add(stack.size());
				case '}' -> push(new LinkedHashMap<>());
				case ']' -> push(new ArrayList<>());
				case ')' -> push(List.of());
				case 'N' -> push(null);
				case 0x88 -> push(Boolean.TRUE);
				case 0x89 -> push(Boolean.FALSE);
				case 'J' -> push((long) in.getInt());
				case 'K' -> push((long) (in.get() & 0xff));
				case 'M' -> push((long) (in.getShort() & 0xffff));
				case 0x8a -> push(longOf(bytes(in.get() & 0xff)));
				case 0x8b -> push(longOf(bytes(length(in.getInt()))));
				case 'G' -> {
					in.order(ByteOrder.BIG_ENDIAN);
					final double d = in.getDouble();
					in.order(ByteOrder.LITTLE_ENDIAN);
					push(d);
				}
				case 'X' -> push(utf8(bytes(length(in.getInt()))));
				case 0x8c -> push(utf8(bytes(in.get() & 0xff)));
				case 0x8d -> push(utf8(bytes(length(in.getLong()))));
				case 'U' -> push(new String(bytes(in.get() & 0xff), StandardCharsets.ISO_8859_1));
				case 'T' -> push(new String(bytes(length(in.getInt())), StandardCharsets.ISO_8859_1));
				case 'C' -> push(bytes(in.get() & 0xff));
				case 'B' -> push(bytes(length(in.getInt())));
				case 0x8e -> push(bytes(length(in.getLong()))); // BINBYTES8
				case 't' -> push(Collections.unmodifiableList(popMark()));
				case 0x85 -> push(Collections.singletonList(pop()));
				case 0x86 -> tuple(2);
				case 0x87 -> tuple(3);
				case 'l' -> push(popMark());
				case 'd' -> {
					final List<Object> items = popMark();
					final Map<Object, Object> m = new LinkedHashMap<>();
					for (int i = 0; i + 1 < items.size(); i += 2)
						m.put(key(items.get(i)), items.get(i + 1));
					push(m);
				}
				case 'a' -> {
					final Object v = pop();
					list(peek()).add(v);
				}
				case 'e' -> {
					final List<Object> items = popMark();
					list(peek()).addAll(items);
				}
				case 's' -> {
					final Object v = pop();
					final Object k = pop();
					dict(peek()).put(key(k), v);
				}
				case 'u' -> {
					final List<Object> items = popMark();
					final Map<Object, Object> m = dict(peek());
					for (int i = 0; i + 1 < items.size(); i += 2)
						m.put(key(items.get(i)), items.get(i + 1));
				}
				case 'q' -> memo.put((long) (in.get() & 0xff), peek());
				case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek());
				case 0x94 -> memo.put((long) memo.size(), peek());
				case 'h' -> push(memoGet(in.get() & 0xff));
				case 'j' -> push(memoGet(in.getInt() & 0xffffffffL));
				case '0' -> pop();
				case '1' -> popMark();
				case '2' -> push(peek());
				case 'c' -> push(global(line(), line()));
				case 0x93 -> {
					final String name = (String) pop();
					push(global((String) pop(), name));
				}
				case 'Q' -> push(persistent(pop()));
				case 'R' -> {
					final Object args = pop();
					push(reduce(pop(), args));
				}
				case 'b' -> build(pop(), peek());
				case 'i', 'o', 0x81, 0x92, 0x82, 0x83, 0x84, 'P' -> throw new UnsafeWeightFileException(
					source + ": pickle opcode " + describe(op) + " at byte " + (in.position() - 1) +
						" builds arbitrary objects, which a weight file never needs; refused without " +
						"running anything");
				default -> throw new IOException(source + ": unsupported pickle opcode " + describe(op) +
					" at byte " + (in.position() - 1));
			}
		}
	}

	private Object global(final String module, final String name) throws IOException {
		final String q = module + "." + name;
		if (!ALLOWED.contains(q)) throw new UnsafeWeightFileException(source + ": the file refers " +
			"to the Python global '" + q + "', which a weight file never needs; refused without " +
			"running anything (allowed: " + String.join(", ", ALLOWED) + ")");
		return new Global(module, name);
	}

	private Object persistent(final Object pid) throws IOException {
		if (!(pid instanceof List<?> t) || t.size() < 5 || !"storage".equals(t.get(0)) || !(t.get(
			1) instanceof Global g) || !(t.get(4) instanceof Long n))
			throw new IOException(source + ": unsupported persistent id " + PickleGraph.brief(pid));
		return new StorageRef(STORAGE_TYPES.get(g.name()), String.valueOf(t.get(2)), n);
	}

	private Object reduce(final Object callable, final Object args) throws IOException {
		if (!(callable instanceof Global g)) throw new UnsafeWeightFileException(source +
			": only allowed globals may be called; got a call of " + PickleGraph.brief(callable));
		final List<?> a = (List<?>) args;
		switch (g.qualified()) {
			case ORDERED_DICT -> {
				final Map<Object, Object> m = new LinkedHashMap<>();
				if (!a.isEmpty()) for (final Object pair : (List<?>) a.get(0))
					m.put(key(((List<?>) pair).get(0)), ((List<?>) pair).get(1));
				return m;
			}
			case REBUILD_TENSOR -> {
				if (a.size() < 4 || !(a.get(0) instanceof StorageRef s)) throw new IOException(source +
					": malformed tensor record " + PickleGraph.brief(a));
				return new TensorRef(s, (Long) a.get(1), longs(a.get(2)), longs(a.get(3)));
			}
			case REBUILD_PARAMETER -> {
				return a.get(0);
			}
			case NumpyScalars.DTYPE -> {
				return NumpyScalars.dtype(a, source);
			}
			case NumpyScalars.SCALAR, NumpyScalars.SCALAR_NUMPY2 -> {
				return NumpyScalars.scalar(a, source);
			}
			case NumpyScalars.CODECS_ENCODE -> {
				return NumpyScalars.latin1(a, source);
			}
			default -> throw new UnsafeWeightFileException(source + ": calling " + g.qualified() +
				" is not allowed");
		}
	}

	private void build(final Object state, final Object target) throws IOException {
		// OrderedDict state (torch's _metadata) and tensor state carry nothing we need
		if (target instanceof Map || target instanceof TensorRef) return;
		if (target instanceof NumpyScalars.DType d) {
			NumpyScalars.build(d, state, source);
			return;
		}
		throw new UnsafeWeightFileException(source + ": setting the state of " + PickleGraph.brief(
			target) +
			" is not allowed");
	}

	private static long[] longs(final Object tuple) {
		return ((List<?>) tuple).stream().mapToLong(v -> (Long) v).toArray();
	}

	private void tuple(final int n) {
		final Object[] items = new Object[n];
		for (int i = n - 1; i >= 0; i--)
			items[i] = pop();
		push(Collections.unmodifiableList(Arrays.asList(items)));
	}

	/** A dict key, checked to be hashable (see {@link PickleGraph#requireHashable}). */
	private Object key(final Object k) throws IOException {
		PickleGraph.requireHashable(k, source);
		return k;
	}

	private Object memoGet(final long key) throws IOException {
		if (!memo.containsKey(key)) throw new IOException(source + ": pickle memo " + key +
			" is not defined");
		return memo.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(final Object o) {
		return (List<Object>) o;
	}

	@SuppressWarnings("unchecked")
	private static Map<Object, Object> dict(final Object o) {
		return (Map<Object, Object>) o;
	}

	private void push(final Object o) {
		stack.add(o);
	}

	private Object peek() {
		return stack.get(stack.size() - 1);
	}

	private Object pop() {
		if (!marks.isEmpty() && marks.get(marks.size() - 1) == stack.size())
			throw new IllegalArgumentException("pop across a MARK");
		return stack.remove(stack.size() - 1);
	}

	private List<Object> popMark() {
		final int m = marks.remove(marks.size() - 1);
		final List<Object> top = new ArrayList<>(stack.subList(m, stack.size()));
		stack.subList(m, stack.size()).clear();
		return top;
	}

	private int length(final long n) {
		if (n < 0 || n > in.remaining()) throw new BufferUnderflowException();
		return (int) n;
	}

	private byte[] bytes(final int n) {
		final byte[] b = new byte[length(n)];
		in.get(b);
		return b;
	}

	private String line() {
		final StringBuilder sb = new StringBuilder();
		for (byte b; (b = in.get()) != '\n';)
			sb.append((char) (b & 0xff));
		return sb.toString();
	}

	private static String utf8(final byte[] b) {
		return new String(b, StandardCharsets.UTF_8);
	}

	/** Little-endian two's complement, as LONG1 / LONG4 store it. */
	private static Object longOf(final byte[] le) {
		if (le.length == 0) return 0L;
		final byte[] be = new byte[le.length];
		for (int i = 0; i < le.length; i++)
			be[i] = le[le.length - 1 - i];
		final BigInteger v = new BigInteger(be);
		return v.bitLength() < 64 ? (Object) v.longValue() : v;
	}

	private static String describe(final int op) {
		final String name = switch (op) {
			case 'i' -> "INST";
			case 'o' -> "OBJ";
			case 0x81 -> "NEWOBJ";
			case 0x92 -> "NEWOBJ_EX";
			case 0x82, 0x83, 0x84 -> "EXT";
			case 'P' -> "PERSID";
			default -> "";
		};
		return String.format("0x%02x%s", op, name.isEmpty() ? "" : " (" + name + ")");
	}
}
