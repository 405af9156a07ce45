package org.transvw.data;

import java.util.Locale;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * How a colour (RGB) image becomes a grey-level one. Radiographs are grey by nature: an RGB file
 * is either a grey image stored in colour (three equal channels, e.g. some ChestX-ray14 PNGs) or
 * a screenshot with coloured annotations. Either way the conversion is asked for explicitly;
 * {@link #REFUSE} is the default.
 * <ul>
 * <li>{@link #REFUSE}: refuse with a message that says whether the channels are equal.</li>
 * <li>{@link #MEAN}: {@code (r + g + b) / 3}, ImageJ's unweighted conversion; exact for a grey
 * image stored as RGB.</li>
 * <li>{@link #LUMA}: {@code 0.299 r + 0.587 g + 0.114 b} (ITU-R BT.601, ImageJ's weighted
 * conversion).</li>
 * </ul>
 * Values stay in the 0..255 range of the channels (never rescaled); alpha is ignored.
 */
public enum RgbConversion {
	REFUSE, MEAN, LUMA;

	/** Case-insensitive parse that names the parameter on failure. */
	public static RgbConversion parse(final String s) {
		Checks.notNull(s, "rgb");
		for (final RgbConversion c : values())
			if (c.name().equalsIgnoreCase(s.trim())) return c;
		throw new IllegalArgumentException("rgb: expected one of refuse, mean, luma, got '" + s +
			"'");
	}

	/**
	 * The grey-level view of an RGB image (same dimensions, lazy: no copy).
	 *
	 * @throws IllegalArgumentException for {@link #REFUSE}, saying whether the channels are
	 *           equal everywhere and which option converts
	 */
	public static RandomAccessibleInterval<FloatType> toGrey(
		final RandomAccessibleInterval<ARGBType> rgb, final RgbConversion how)
	{
		Checks.notNull(rgb, "rgb image");
		Checks.notNull(how, "rgb");
		if (how == REFUSE) {
			final String what = channelsEqual(rgb)
				? "its three channels are equal (a grey image stored as RGB): use rgb=mean"
				: "its channels differ (colour content, e.g. annotations): use rgb=luma or rgb=mean";
			throw new IllegalArgumentException("rgb: expected a grey-level image, got RGB; " + what +
				" to convert it explicitly");
		}
		final double wr = how == MEAN ? 1 / 3.0 : 0.299, wg = how == MEAN ? 1 / 3.0 : 0.587,
			wb = how == MEAN ? 1 / 3.0 : 0.114;
		return Converters.convert(rgb, (a, b) -> {
			final int v = a.get();
			b.setReal(wr * ARGBType.red(v) + wg * ARGBType.green(v) + wb * ARGBType.blue(v));
		}, new FloatType());
	}

	/** Whether r == g == b at every pixel. */
	public static boolean channelsEqual(final RandomAccessibleInterval<ARGBType> rgb) {
		for (final ARGBType t : Views.iterable(rgb)) {
			final int v = t.get();
			final int r = ARGBType.red(v);
			if (r != ARGBType.green(v) || r != ARGBType.blue(v)) return false;
		}
		return true;
	}

	/** The macro/option value, e.g. "mean". */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}
}
