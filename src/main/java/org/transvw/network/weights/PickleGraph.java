package org.transvw.network.weights;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape checks of an unpickled object graph, without recursion: a pickle can make a list
 * contain itself (memo + APPEND), nest containers thousands of levels deep, or share one list so
 * often that walking it as a tree never ends. Every reader of the graph (hashing, printing,
 * walking the state dict) would then overflow the stack or hang; weight files never need such
 * structures, so they are refused with a message instead.
 */
final class PickleGraph {

	/** Deepest nesting of containers a weight file plausibly has. */
	static final int MAX_DEPTH = 1000;
	/** Most container entries the graph may have when walked as a tree (shared parts counted each time). */
	static final long MAX_ENTRIES = 100_000_000L;

	private PickleGraph() {}

	/** One container being walked. */
	private static final class Frame {

		final Object node;
		final Iterator<?> children;
		long entries;

		Frame(final Object node) {
			this.node = node;
			this.children = children(node).iterator();
		}
	}

	/**
	 * @throws IOException if {@code root} contains itself, is nested deeper than
	 *           {@value #MAX_DEPTH}, or expands to more than {@value #MAX_ENTRIES} entries
	 */
	static void requireTree(final Object root, final String source) throws IOException {
		if (!isContainer(root)) return;
		final Map<Object, Long> done = new IdentityHashMap<>();
		final Set<Object> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
		final Deque<Frame> stack = new ArrayDeque<>();
		stack.push(new Frame(root));
		onPath.add(root);
		while (!stack.isEmpty()) {
			final Frame f = stack.peek();
			if (!f.children.hasNext()) {
				stack.pop();
				onPath.remove(f.node);
				done.put(f.node, f.entries + 1);
				if (!stack.isEmpty()) add(stack.peek(), f.entries + 1, source);
				continue;
			}
			final Object c = f.children.next();
			if (!isContainer(c)) {
				add(f, 1, source);
				continue;
			}
			if (onPath.contains(c)) throw new IOException(source + ": the pickle holds a " +
				brief(c) + " that contains itself (a self-referencing structure, which a weight file " +
				"never needs); refused without running anything");
			final Long size = done.get(c);
			if (size != null) {
				add(f, size, source);
				continue;
			}
			if (stack.size() >= MAX_DEPTH) throw new IOException(source + ": the pickle nests " +
				"containers deeper than " + MAX_DEPTH + " levels, which a weight file never needs; " +
				"refused");
			onPath.add(c);
			stack.push(new Frame(c));
		}
	}

	private static void add(final Frame f, final long n, final String source) throws IOException {
		f.entries += n;
		if (f.entries > MAX_ENTRIES) throw new IOException(source + ": the pickle expands to more " +
			"than " + MAX_ENTRIES + " entries (shared containers repeated), which a weight file " +
			"never needs; refused");
	}

	/**
	 * Python's rule for dict keys: no list or dict (they are unhashable), tuples only of
	 * hashable items. Hashing an unhashable key could recurse forever.
	 *
	 * @throws IOException naming the key's kind
	 */
	static void requireHashable(final Object key, final String source) throws IOException {
		final Deque<Object> todo = new ArrayDeque<>();
		todo.push(key);
		int seen = 0;
		while (!todo.isEmpty()) {
			final Object o = todo.pop();
			if (o instanceof Map || o instanceof ArrayList) throw new IOException(source +
				": malformed pickle: a " + brief(o) + " used as a dict key (unhashable)");
			if (o instanceof List<?> tuple) {
				if (++seen > MAX_DEPTH) throw new IOException(source + ": malformed pickle: a dict " +
					"key nested deeper than " + MAX_DEPTH + " tuples");
				for (final Object item : tuple)
					todo.push(item);
			}
		}
	}

	/** "list of 3 items", "dict of 2 entries", or the value itself for a scalar; never recurses. */
	static String brief(final Object o) {
		if (o instanceof Map<?, ?> m) return "dict of " + count(m.size(), "entry", "entries");
		if (o instanceof ArrayList<?> l) return "list of " + count(l.size(), "item", "items");
		if (o instanceof List<?> t) return "tuple of " + count(t.size(), "item", "items");
		if (o instanceof byte[] b) return "bytes of length " + b.length;
		final String s = String.valueOf(o);
		return s.length() > 80 ? s.substring(0, 80) + "..." : s;
	}

	private static String count(final int n, final String one, final String many) {
		return n + " " + (n == 1 ? one : many);
	}

	private static boolean isContainer(final Object o) {
		return o instanceof Map || o instanceof List;
	}

	private static Iterable<?> children(final Object o) {
		if (o instanceof Map<?, ?> m) {
			final List<Object> c = new ArrayList<>(m.keySet());
			c.addAll(m.values());
			return c;
		}
		return (List<?>) o;
	}
}
