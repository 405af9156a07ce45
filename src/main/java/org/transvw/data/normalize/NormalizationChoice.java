package org.transvw.data.normalize;

import java.util.Locale;

import org.transvw.common.Checks;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;

/**
 * The user's {@code normalization=} (and {@code window=}) option, and the recipe it leads to for
 * a target modality and an optional bundle (method.md §2.1). The rule that keeps both arms of a
 * comparison (from scratch, from a bundle) on the same inputs:
 * <ul>
 * <li>{@code auto} (default), no bundle: the modality's default ({@link Normalizations#defaultFor}:
 * CT the window, MR and X-ray the per-volume percentiles), the CT window's bounds from
 * {@code window=};</li>
 * <li>{@code auto} with a bundle: the bundle's recipe, but only when the bundle was trained on
 * the target modality; otherwise refused, naming both (a CT window forced onto MR intensities
 * was round 1's defect);</li>
 * <li>{@code bundle}: the bundle's recipe whatever the modality (the explicit override);</li>
 * <li>{@code ct} ({@code ct-window}), {@code percentile} ({@code mr-percentile}), {@code zscore}
 * ({@code mr-zscore}), {@code none}: that recipe, also over a bundle's (logged).</li>
 * </ul>
 *
 * @param option the normalised option name: auto, bundle, ct, percentile, zscore or none
 * @param window the CT window {low, high} in HU from {@code window=}, or null for the default
 *          [-1000, 1000]
 */
public record NormalizationChoice(String option, double[] window) {

	public static final String AUTO = "auto", BUNDLE = "bundle";

	/** The recipe chosen and one log line saying why; {@code warning} is null or a log warning. */
	public record Decision(IntensityRecipe recipe, String reason, String warning) {

		public Decision {
			Checks.notNull(recipe, "recipe");
			Checks.notNull(reason, "reason");
		}
	}

	public NormalizationChoice {
		Checks.require(option != null && (option.equals(AUTO) || option.equals(BUNDLE) || option
			.equals("ct") || option.equals("percentile") || option.equals("zscore") || option.equals(
				"none")), "normalization", "auto, bundle, ct, percentile, zscore or none, got '" +
					option + "'");
		if (window != null) {
			Checks.require(window.length == 2, "window", "two values low,high (HU), got " + window.length);
			IntensityRecipe.ctWindow(window[0], window[1]);
			window = window.clone();
		}
	}

	/** auto, default window. */
	public static NormalizationChoice auto() {
		return new NormalizationChoice(AUTO, null);
	}

	/**
	 * Parses the options: {@code normalization} one of auto (or empty), bundle, ct / ct-window,
	 * percentile / mr-percentile, zscore / mr-zscore, none; {@code window} empty or "low,high" in
	 * HU, e.g. "-1000,1000" or "-160,240".
	 *
	 * @throws IllegalArgumentException naming the option and the accepted values
	 */
	public static NormalizationChoice parse(final String normalization, final String window) {
		final String n = normalization == null ? "" : normalization.trim().toLowerCase(Locale.ROOT);
		final String option;
		switch (n) {
			case "": case AUTO: option = AUTO; break;
			case BUNDLE: option = BUNDLE; break;
			case "ct": case "ct-window": option = "ct"; break;
			case "percentile": case "mr-percentile": option = "percentile"; break;
			case "zscore": case "z-score": case "mr-zscore": option = "zscore"; break;
			case "none": option = "none"; break;
			default:
				throw new IllegalArgumentException("normalization: expected auto, bundle, ct-window, " +
					"mr-percentile, zscore or none, got '" + normalization + "'");
		}
		return new NormalizationChoice(option, parseWindow(window));
	}

	private static double[] parseWindow(final String text) {
		if (text == null || text.isBlank()) return null;
		final String[] parts = text.trim().split("\\s*[,;]\\s*|\\s+");
		Checks.require(parts.length == 2, "window", "two values low,high in HU, e.g. -1000,1000, got '" +
			text + "'");
		try {
			return new double[] { Double.parseDouble(parts[0]), Double.parseDouble(parts[1]) };
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("window: expected two numbers low,high in HU, e.g. " +
				"-1000,1000, got '" + text + "'", e);
		}
	}

	/** The CT window recipe of {@code window=} (default [-1000, 1000]). */
	public IntensityRecipe ctWindow() {
		return window == null ? IntensityRecipe.ctDefault() : IntensityRecipe.ctWindow(window[0],
			window[1]);
	}

	@Override
	public double[] window() {
		return window == null ? null : window.clone();
	}

	/**
	 * The recipe for volumes of modality {@code target} fed to a new model ({@code bundle} null)
	 * or to one trained with {@code bundle}'s inputs.
	 *
	 * @throws IllegalArgumentException when {@code auto} meets a bundle of another modality (the
	 *           message names both and the two overrides), for {@code bundle} without a bundle,
	 *           or for a {@code window=} that contradicts the bundle's window under {@code auto}
	 */
	public Decision decide(final ModalityDecision target, final InputConvention bundle) {
		Checks.notNull(target, "modality");
		final Modality m = target.modality();
		switch (option) {
			case BUNDLE: {
				Checks.require(bundle != null, "normalization", "a bundle for normalization=bundle " +
					"(training from scratch has none), got none; use auto or a recipe");
				final boolean suits = suits(bundle, m);
				return new Decision(bundle.normalization(), bundle.normalization() +
					": the bundle's recipe (normalization=bundle)", suits ? null : "normalization: the " +
						"bundle's " + trainedOn(bundle) + " recipe is forced onto " + m + " volumes (" +
						target.reason() + ") by normalization=bundle");
			}
			case AUTO: {
				if (bundle == null) {
					final IntensityRecipe r = m == Modality.CT ? ctWindow() : Normalizations.defaultFor(m);
					return new Decision(r, r + ": the " + m + " default (" + target.reason() + ")", null);
				}
				Checks.require(suits(bundle, m), "normalization", "images of the modality the bundle " +
					"was pre-trained on: the bundle was pre-trained on " + trainedOn(bundle) + " (" + bundle
						.normalization() + "); these images are " + target.reason() +
					". Give normalization=bundle to force the bundle's recipe onto them, or " +
					"normalization=" + alternative(m) + " to normalise them as " + m +
					" (the pre-trained weights then see inputs unlike those of their pre-training)");
				if (window != null && !bundle.normalization().equals(ctWindow()))
					throw new IllegalArgumentException("window: expected the bundle's " + bundle
						.normalization() + " under normalization=auto, got window=" + window[0] + "," +
						window[1] + "; give normalization=ct-window to override the bundle's window, or " +
						"drop window=");
				final IntensityRecipe own = m == Modality.CT ? ctWindow() : Normalizations.defaultFor(m);
				return new Decision(bundle.normalization(), bundle.normalization() +
					": the bundle's recipe (pre-trained on " + trainedOn(bundle) + ", like these " + m +
					" images: " + target.reason() + ")", own.equals(bundle.normalization()) ? null
						: "normalization: the bundle's " + bundle.normalization() + " differs from the " + m +
							" default " + own + ": give the from-scratch arm of a comparison " +
							"normalization=" + name(bundle.normalization()) + " so that both see the same inputs");
			}
			default: {
				final IntensityRecipe r = explicit();
				final String warning = bundle != null && !bundle.normalization().equals(r)
					? "normalization: " + r + " overrides the bundle's " + bundle.normalization() +
						" (pre-trained on " + trainedOn(bundle) + ")" : null;
				return new Decision(r, r + ": given (normalization=" + option + "; " + target.reason() +
					")", warning);
			}
		}
	}

	private IntensityRecipe explicit() {
		switch (option) {
			case "ct": return ctWindow();
			case "percentile": return IntensityRecipe.percentileDefault();
			case "zscore": return IntensityRecipe.zScoreDefault();
			default: return IntensityRecipe.none();
		}
	}

	/**
	 * Whether a bundle's recipe may be replayed on {@code target} volumes: its recorded modality
	 * equals the target's; a bundle that records none (round 1) is judged by its recipe: a CT
	 * window suits CT, percentiles and z-scores suit MR and X-ray, none suits any.
	 */
	public static boolean suits(final InputConvention bundle, final Modality target) {
		if (bundle.knowsModality()) return bundle.modality() == target;
		final IntensityRecipe r = bundle.normalization();
		if (r instanceof IntensityRecipe.CtWindow) return target == Modality.CT;
		if (r instanceof IntensityRecipe.None) return true;
		return target == Modality.MR || target == Modality.XRAY;
	}

	private static String trainedOn(final InputConvention bundle) {
		if (bundle.knowsModality()) return bundle.modality().name();
		return bundle.normalization() instanceof IntensityRecipe.CtWindow ? "CT (modality not " +
			"recorded; a CT window implies CT)" : "an unrecorded modality";
	}

	private static String alternative(final Modality m) {
		return m == Modality.CT ? "ct-window" : "mr-percentile (or zscore)";
	}

	/** The option name that gives {@code r}. */
	static String name(final IntensityRecipe r) {
		if (r instanceof IntensityRecipe.CtWindow) return "ct-window";
		if (r instanceof IntensityRecipe.Percentile) return "mr-percentile";
		if (r instanceof IntensityRecipe.ZScore) return "zscore";
		return "none";
	}
}
