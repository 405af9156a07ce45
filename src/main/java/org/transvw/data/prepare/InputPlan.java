package org.transvw.data.prepare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.transvw.common.Checks;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.ForegroundCrop;
import org.transvw.data.geometry.GeometryChecks;
import org.transvw.data.geometry.GeometryConfig;
import org.transvw.data.geometry.GeometryPlan;
import org.transvw.data.geometry.Grid;
import org.transvw.data.geometry.Reorientation;
import org.transvw.data.geometry.TargetSpacing;
import org.transvw.data.normalize.ModalityDecision;
import org.transvw.data.normalize.NormalizationChoice;
import org.transvw.data.normalize.Normalizations;

/**
 * How the volumes of one collection are prepared for a model, decided once with a reason per
 * decision (method.md §2.1; docs/data.md "Geometry", "Modality and normalisation"):
 * <ul>
 * <li><b>modality</b>: {@code modality=} or detected on the first volume
 * ({@link ModalityDecision}) and checked on every volume as it is prepared (a volume whose header
 * or intensities say another modality is refused, naming both; one whose intensities do not tell
 * takes the collection's);</li>
 * <li><b>normalisation</b>: {@link NormalizationChoice#decide} for that modality and the bundle
 * (a bundle's recipe only for its own modality, else refused naming both);</li>
 * <li><b>target spacing</b>: {@code spacing=} given; else a bundle's training spacing; else the
 * collection's median (nnU-Net's rule, {@link TargetSpacing#median}, from the headers);
 * {@code native} keeps each volume's own; a collection (or target) farther than
 * {@link GeometryChecks#DEFAULT_SPACING_FACTOR} from a bundle's spacing gets a warning;</li>
 * <li><b>geometry</b>: every volume reoriented to RAS, optionally cropped to its foreground
 * ({@code crop}), resampled (linear, nearest along a thick through-plane axis; labels nearest,
 * 255 kept), with a {@link GeometryPlan} that inverts it.</li>
 * </ul>
 * <pre>{@code
 * InputPlan plan = InputPlan.decide(names, grids, firstRaw, InputOptions.defaults(), bundleInputOrNull);
 * plan.notes().forEach(log::info); plan.warnings().forEach(log::warn);
 * PreparedVolume v = plan.prepare(raw, "case_0");          // v.image() is what the model sees
 * Volume labels = plan.prepareLabels(v, rawLabels, "case_0 labels");
 * }</pre>
 */
public final class InputPlan {

	private final Modality user;
	private final ModalityDecision modality;
	private final NormalizationChoice.Decision normalization;
	private final double[] target;
	private final String spacingReason;
	private final boolean crop;
	private final List<String> warnings;

	private InputPlan(final Modality user, final ModalityDecision modality,
		final NormalizationChoice.Decision normalization, final double[] target,
		final String spacingReason, final boolean crop, final List<String> warnings)
	{
		this.user = user;
		this.modality = modality;
		this.normalization = normalization;
		this.target = target;
		this.spacingReason = spacingReason;
		this.crop = crop;
		this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
	}

	/**
	 * Decides modality, normalisation and target spacing for a collection.
	 *
	 * @param names one name per volume (messages, warnings)
	 * @param grids one grid per volume, from the headers ({@code GridHeaders.read})
	 * @param first the raw first volume (the modality is detected on it unless given)
	 * @param options the user's choices
	 * @param bundle the inputs of the bundle fine-tuning or inference starts from, or null
	 * @throws IllegalArgumentException for an undecidable modality, a bundle of another modality
	 *           under normalization=auto, a spacing of the wrong length, an oblique grid
	 */
	public static InputPlan decide(final List<String> names, final List<Grid> grids,
		final Volume first, final InputOptions options, final InputConvention bundle)
	{
		Checks.require(names != null && grids != null && !grids.isEmpty() && names.size() == grids
			.size(), "collection", "at least one volume, one name per grid");
		Checks.notNull(options, "options");
		final ModalityDecision m = ModalityDecision.of(options.modality(), Checks.notNull(first,
			"first volume"), names.get(0));
		final NormalizationChoice.Decision norm = options.normalization().decide(m, bundle);
		final int n = grids.get(0).numDimensions();
		final List<String> warnings = new ArrayList<>();
		if (norm.warning() != null) warnings.add(norm.warning());
		final double[] bundleSpacing = bundle == null || bundle.spacing() == null || bundle
			.spacing().length != n ? null : bundle.spacing();
		final List<double[]> ras = new ArrayList<>();
		for (int i = 0; i < grids.size(); i++)
			try {
				ras.add(grids.get(i).toRas(Reorientation.DEFAULT_TOLERANCE).spacing());
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException(names.get(i) + ": " + e.getMessage(), e);
			}
		double[] target;
		String reason;
		final double[] explicit = options.explicitSpacing(n);
		if (explicit != null) {
			target = explicit;
			reason = "given (spacing=" + options.spacing() + ")";
		}
		else if (options.spacing().equals(InputOptions.NATIVE)) {
			target = null;
			reason = "each volume keeps its own (spacing=native)";
		}
		else if (options.spacing().equals(InputOptions.AUTO) && bundleSpacing != null) {
			target = bundleSpacing;
			reason = "the bundle's training spacing (give spacing=median for the collection's own)";
		}
		else {
			target = TargetSpacing.median(grids, Reorientation.DEFAULT_TOLERANCE);
			reason = "the median of the " + grids.size() + " volume" + (grids.size() == 1 ? "'s" : "s'") +
				" spacings (nnU-Net's rule: per RAS axis; a thick through-plane axis of an " +
				"anisotropic collection takes its 10th percentile)";
		}
		if (bundleSpacing != null) {
			if (target != null && Arrays.equals(target, bundleSpacing)) GeometryChecks
				.spacingMismatchWarning(bundleSpacing, names, ras, GeometryChecks.DEFAULT_SPACING_FACTOR)
				.ifPresent(warnings::add);
			else farFromBundle(target, ras, bundleSpacing).ifPresent(warnings::add);
		}
		return new InputPlan(options.modality(), m, norm, target, reason, options.crop(), warnings);
	}

	/** A warning when training happens at a spacing far from the bundle's. */
	private static Optional<String> farFromBundle(final double[] target, final List<double[]> ras,
		final double[] bundle)
	{
		final List<double[]> used = target == null ? ras : List.of(target);
		double worst = 1;
		for (final double[] s : used)
			for (int d = 0; d < bundle.length; d++)
				worst = Math.max(worst, Math.max(s[d] / bundle[d], bundle[d] / s[d]));
		if (worst <= GeometryChecks.DEFAULT_SPACING_FACTOR) return Optional.empty();
		return Optional.of(String.format(java.util.Locale.ROOT, "spacing: the volumes are used at " +
			"%s, up to %.2fx from the bundle's training spacing %s mm: its filters were learnt at " +
			"another scale (spacing=auto resamples to the bundle's spacing)", target == null
				? "their own spacing" : Grid.format(target) + " mm", worst, Grid.format(bundle)));
	}

	/** The modality decision. */
	public ModalityDecision modality() {
		return modality;
	}

	/** The recipe every volume is normalised with. */
	public IntensityRecipe recipe() {
		return normalization.recipe();
	}

	/** The target spacing (mm, RAS order), or null when each volume keeps its own. */
	public double[] targetSpacing() {
		return target == null ? null : target.clone();
	}

	/** The geometry settings of {@code n}-D volumes. */
	public GeometryConfig geometry() {
		return GeometryConfig.defaults().withTargetSpacing(target).withCrop(crop ? ForegroundCrop
			.defaultFor(modality.modality()) : ForegroundCrop.none());
	}

	/** What a model trained on these inputs records ({@link InputConvention}). */
	public InputConvention convention() {
		return new InputConvention(modality.modality(), recipe(), target, InputConvention.RAS);
	}

	/** Log lines: the modality, the normalisation and the spacing, each with its reason. */
	public List<String> notes() {
		final List<String> l = new ArrayList<>();
		l.add("modality " + modality.reason() + (user == null ? "; every volume is checked" : ""));
		l.add(normalization.reason());
		l.add("spacing " + (target == null ? "native" : Grid.format(target) + " mm") + ": " +
			spacingReason + "; orientation RAS" + (crop ? "; " + ForegroundCrop.defaultFor(modality
				.modality()) : ""));
		return l;
	}

	/** Log warnings (spacing far from a bundle's, a recipe that differs from a bundle's). */
	public List<String> warnings() {
		return warnings;
	}

	/**
	 * A raw volume as the model sees it: modality checked, geometry step, then the recipe.
	 *
	 * @throws IllegalArgumentException for another modality than the plan's, an oblique or
	 *           sheared grid (with the reason), a volume already normalised otherwise
	 */
	public PreparedVolume prepare(final Volume raw, final String name) {
		Checks.notNull(raw, "volume");
		final ModalityDecision d = user != null ? modality : check(raw, name);
		modality.requireSame(d, "the collection");
		final GeometryPlan plan;
		try {
			plan = GeometryPlan.of(raw, geometry());
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
		}
		final Volume resampled = (plan.isIdentity() ? raw : plan.forwardImage(raw)).withModality(d
			.modality());
		return new PreparedVolume(name, resampled, Normalizations.forModel(resampled, recipe()), plan,
			d);
	}

	/**
	 * The modality of one more volume: its own evidence ({@link ModalityDecision#detect}), or,
	 * when its intensities do not tell (e.g. a CT cropped to soft tissue), the collection's, with
	 * that reason; evidence of another modality is refused by the caller.
	 */
	private ModalityDecision check(final Volume raw, final String name) {
		try {
			return ModalityDecision.detect(raw, name);
		}
		catch (final IllegalArgumentException e) {
			return new ModalityDecision(modality.modality(), modality.modality() + ": as the " +
				"collection (" + name + "'s intensities do not tell on their own)");
		}
	}

	/**
	 * Labels of a prepared image on its processed grid, by nearest neighbour (pixel type and
	 * every value kept, 255 = unlabelled survives).
	 *
	 * @throws IllegalArgumentException naming both grids when the labels are not on their image's
	 */
	public Volume prepareLabels(final PreparedVolume image, final Volume labels,
		final String labelsName)
	{
		GeometryChecks.requireSameGrid(image.plan().original(), image.name(), Grid.of(labels),
			labelsName);
		return image.plan().isIdentity() ? labels : image.plan().forwardLabels(labels);
	}

	/** The decisions and their reasons, JSON-ready (bundles, datasets, sidecars). */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>(convention().toMap());
		m.put("modalityReason", modality.reason());
		m.put("normalizationReason", normalization.reason());
		m.put("spacingReason", spacingReason);
		m.put("crop", crop ? ForegroundCrop.defaultFor(modality.modality()).toMap() : "none");
		if (!warnings.isEmpty()) m.put("warnings", warnings);
		return m;
	}

	@Override
	public String toString() {
		return "InputPlan " + String.join("; ", notes());
	}
}
