package org.transvw.finetuning;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming rule that turns a scribble's name (an ImageJ ROI's name or group name, a Labkit
 * label's name) into a class index, case-insensitive:
 * <ul>
 * <li>{@code background} or {@code bg} -> class 0; {@code foreground} or {@code fg} -> class 1;</li>
 * <li>{@code class N} / {@code class_N} / {@code classN} / {@code label N} -> class N;</li>
 * <li>a bare number {@code N} -> class N.</li>
 * </ul>
 * Anything may follow the class word after a separator, so the ROI Manager's de-duplicated names
 * ({@code foreground-1}, {@code class 2-3}) keep their class. Classes 0..254 are possible; 255 is
 * the unlabelled value ({@link SparseLabels#UNLABELLED}).
 */
public final class ScribbleClasses {

	/** The largest class a scribble can carry. */
	public static final int MAX_CLASS = SparseLabels.UNLABELLED - 1;

	private static final Pattern WORD = Pattern.compile("(background|bg|foreground|fg)(?:[\\s_\\-.:].*)?");
	private static final Pattern CLASS = Pattern.compile("(?:class|label)[\\s_\\-]*(\\d+)(?:[\\s_\\-.:].*)?");
	private static final Pattern NUMBER = Pattern.compile("(\\d+)");

	private ScribbleClasses() {}

	/** The class a name denotes, or empty if the name follows no rule. */
	public static OptionalInt classOf(final String name) {
		if (name == null) return OptionalInt.empty();
		final String n = name.trim().toLowerCase(Locale.ROOT);
		Matcher m = WORD.matcher(n);
		if (m.matches()) return OptionalInt.of(m.group(1).startsWith("b") ? 0 : 1);
		m = CLASS.matcher(n);
		if (!m.matches()) m = NUMBER.matcher(n);
		if (!m.matches() || m.group(1).length() > 3) return OptionalInt.empty();
		final int c = Integer.parseInt(m.group(1));
		return c <= MAX_CLASS ? OptionalInt.of(c) : OptionalInt.empty();
	}

	/** The rule in one line, for error messages. */
	public static String rule() {
		return "name it 'background' (class 0), 'foreground' (class 1) or 'class N' (N = 0.." +
			MAX_CLASS + ")";
	}
}
