package org.transvw.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ai.djl.ndarray.types.Shape;

/**
 * What a weight transfer (bundle -> network, or a released file -> network) did with every tensor:
 * <ul>
 * <li>mapped: copied into the target parameter (source and target shapes equal);</li>
 * <li>skipped: present in the source but not used (head not requested, ignored key, shape
 * mismatch), with the reason;</li>
 * <li>missing: target parameters that kept their initial values;</li>
 * <li>notes: sentences about the whole transfer (e.g. an encoder-only source whose decoder starts
 * fresh).</li>
 * </ul>
 * {@link #toString()} is the human-readable report shown to users.
 */
public final class TransferReport {

	/**
	 * One tensor. {@code source} is the key in the source, {@code target} our "layer.param" key;
	 * shapes may be null where there is no such side.
	 */
	public record Entry(String source, Shape sourceShape, String target, Shape targetShape,
		String note)
	{

		@Override
		public String toString() {
			final StringBuilder sb = new StringBuilder();
			if (source != null) sb.append(source).append(' ').append(sourceShape);
			if (source != null && target != null) sb.append(" -> ");
			if (target != null) sb.append(target).append(' ').append(targetShape);
			if (note != null && !note.isEmpty()) sb.append("  (").append(note).append(')');
			return sb.toString();
		}
	}

	private final List<Entry> mapped = new ArrayList<>();
	private final List<Entry> skipped = new ArrayList<>();
	private final List<Entry> missing = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();

	/** Records a sentence about the transfer as a whole (e.g. "the decoder starts fresh: ..."). */
	public void note(final String sentence) {
		notes.add(sentence);
	}

	/** The notes, in the order recorded. */
	public List<String> notes() {
		return Collections.unmodifiableList(notes);
	}

	/** Records a copied tensor. */
	public void mapped(final String source, final Shape sourceShape, final String target,
		final Shape targetShape, final String note)
	{
		mapped.add(new Entry(source, sourceShape, target, targetShape, note));
	}

	/** Records a source tensor that was not used, and why. */
	public void skipped(final String source, final Shape shape, final String reason) {
		skipped.add(new Entry(source, shape, null, null, reason));
	}

	/** Records a target parameter that received nothing, and why. */
	public void missing(final String target, final Shape shape, final String reason) {
		missing.add(new Entry(null, null, target, shape, reason));
	}

	public List<Entry> mapped() {
		return Collections.unmodifiableList(mapped);
	}

	public List<Entry> skipped() {
		return Collections.unmodifiableList(skipped);
	}

	public List<Entry> missing() {
		return Collections.unmodifiableList(missing);
	}

	/** Whether a target parameter key was mapped. */
	public boolean isMapped(final String target) {
		return mapped.stream().anyMatch(e -> target.equals(e.target()));
	}

	/**
	 * The notes ("note: ..." lines), then one line per tensor under "mapped", "skipped" and
	 * "missing" headings with counts.
	 */
	@Override
	public String toString() {
		final StringBuilder sb = new StringBuilder();
		for (final String n : notes)
			sb.append("note: ").append(n).append('\n');
		section(sb, "mapped", mapped);
		section(sb, "skipped", skipped);
		section(sb, "missing", missing);
		return sb.toString();
	}

	private static void section(final StringBuilder sb, final String title,
		final List<Entry> entries)
	{
		sb.append(title).append(" (").append(entries.size()).append("):\n");
		for (final Entry e : entries)
			sb.append("  ").append(e).append('\n');
	}
}
