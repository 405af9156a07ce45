package org.transvw.finetuning;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Sha256;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;
import org.transvw.engine.Tensors;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A fine-tuned classifier on disk: a {@link ModelBundle} folder (the U-Net, pretext
 * "classification", {@code numClasses} = C) plus {@value #HEAD} with the new linear layer.
 * Each file is written atomically; the head's SHA-256 in model.json ties the three together.
 */
public final class ClassifierBundle implements AutoCloseable {

	/** File of the new layer inside the bundle folder. */
	public static final String HEAD = "classifier-head.params";
	/** The files of a classifier bundle folder. */
	public static final List<String> FILES = java.util.stream.Stream.concat(ModelBundle.FILES
		.stream(), java.util.stream.Stream.of(HEAD)).toList();
	/** Provenance key of the head's SHA-256. */
	static final String HEAD_SHA256 = "classifierHeadSha256";
	/** The pretext string of classification bundles. */
	public static final String PRETEXT = "classification";

	private final ModelBundle bundle;
	private final EncoderClassifier classifier;

	private ClassifierBundle(final ModelBundle bundle, final EncoderClassifier classifier) {
		this.bundle = bundle;
		this.classifier = classifier;
	}

	/**
	 * Writes {@code classifier} (whose encoder is {@code model}'s network) and its description
	 * into {@code dir}: the head first, then the {@link ModelBundle} whose model.json records the
	 * head's SHA-256, so a save interrupted half-way is detected on loading. Other files in
	 * {@code dir} stay (see {@link ModelBundle#save}).
	 */
	static void save(final Path dir, final Model model, final EncoderClassifier classifier,
		final BundleDescription d) throws IOException
	{
		final OutputFolder out = OutputFolder.at(dir);
		out.write(HEAD, os -> {
			final DataOutputStream dos = new DataOutputStream(os);
			classifier.saveHead(dos);
			dos.flush();
		});
		final BundleDescription withHead = d.withProvenance(Map.of(HEAD_SHA256, Sha256.of(dir
			.resolve(HEAD))));
		model.setBlock(classifier.encoder().asBlock());
		try {
			ModelBundle.save(dir, model, withHead);
		}
		finally {
			model.setBlock(classifier);
		}
	}

	/** Opens a classifier bundle on {@code device}. */
	public static ClassifierBundle load(final Path dir, final Device device) throws IOException {
		final ModelBundle b = ModelBundle.load(dir, device);
		try {
			Checks.require(PRETEXT.equals(b.description().pretext()), "bundle",
				"a classification bundle, got pretext '" + b.description().pretext() + "'");
			final int classes = b.description().numClasses();
			final EncoderClassifier c = new EncoderClassifier(b.network(), classes == 2 ? 1 : classes);
			c.initialize(b.model().getNDManager(), DataType.FLOAT32, c.initialShape());
			final Path head = dir.resolve(HEAD);
			if (!Files.isRegularFile(head)) throw new IOException(dir + ": no " + HEAD +
				" (not a classifier bundle)");
			final Object sha = b.description().provenance().get(HEAD_SHA256);
			if (sha != null && !sha.equals(Sha256.of(head))) throw new IOException(head +
				": SHA-256 differs from " + ModelBundle.DESCRIPTION + " (truncated or replaced file)");
			try (InputStream is = Files.newInputStream(head);
				DataInputStream dis = new DataInputStream(new BufferedInputStream(is)))
			{
				c.loadHead(b.model().getNDManager(), dis);
			}
			return new ClassifierBundle(b, c);
		}
		catch (final IOException | RuntimeException e) {
			b.close();
			throw e;
		}
	}

	public BundleDescription description() {
		return bundle.description();
	}

	/** Class probabilities of a table's candidates and how their images were prepared. */
	public record Classification(float[][] probabilities, InputPlan input) {}

	/**
	 * Class probabilities of the candidates of table {@code csv}: each cube cut around its
	 * candidate from the image as this bundle's model sees it ({@link CubeSources#crops} with the
	 * bundle's inputs: its recipe only for its own modality, its training spacing, RAS).
	 *
	 * @param options the user's input options (modality, normalization, spacing, voxel, crop)
	 */
	public Classification classify(final Path csv, final List<Candidates.Candidate> rows,
		final int batch, final InputOptions options, final Cancellation cancel) throws IOException
	{
		Checks.inRange(batch, 1, 4096, "budget");
		Checks.require(classifier.spatialDimensions() == 3, "bundle", "a classifier of 3D " +
			"volumes for a candidates table (image,x,y,z), got a classifier of 2D images (" +
			description().network().choice().key() + ", patch " + patch() + "); give its images " +
			"a per-image table " + ImageLabels.UNLABELLED_HEADER);
		final CubeSources.Crops crops = CubeSources.crops(csv, rows, description().patch(), options,
			description().input(), cancel);
		return new Classification(predict(crops.cubes(), batch), crops.input());
	}

	/** Class probabilities of a per-image table's images, how they were prepared, and notes. */
	public record ImageClassification(float[][] probabilities, InputPlan input,
		List<String> notes) {}

	/**
	 * Class probabilities of the images of a per-image table ({@link ImageLabels#readUnlabelled}),
	 * each prepared exactly as Fine-tune (classification) prepared its training images
	 * ({@link CubeSources#wholeImages} with the bundle's inputs: its recipe only for its own
	 * modality, its training spacing, RAS; centre crop or mirror padding to the bundle's patch).
	 * 2D images for a 2D classifier, whole volumes for a 3D one.
	 *
	 * @throws IllegalArgumentException naming {@code table} for an image of the other
	 *           dimensionality than the bundle's classifier
	 */
	public ImageClassification classifyImages(final List<ImageLabels.Row> rows, final int batch,
		final InputOptions options, final Cancellation cancel) throws IOException
	{
		Checks.inRange(batch, 1, 4096, "budget");
		final int d = classifier.spatialDimensions();
		final CubeSources.Wholes w = CubeSources.wholeImages(rows, description().patch(), "the " +
			"bundle's classifier (" + description().network().choice().key() + ") takes " + (d == 2
				? "2D images" : "3D volumes") + " of patch " + patch() + (d == 2 ? ""
					: "; candidates in volumes take a table image,x,y,z[,label]"), options, description()
						.input(), cancel);
		return new ImageClassification(predict(w.cubes(), batch), w.input(), w.notes());
	}

	private String patch() {
		return java.util.Arrays.toString(description().patch()).replaceAll("[\\[\\] ]", "");
	}

	/** Class probabilities per cube: binary {p(1)}; otherwise the softmax over C classes. */
	public float[][] predict(final List<Img<FloatType>> cubes, final int batch) {
		return probabilities(classifier, bundle.model().getNDManager(), cubes, batch);
	}

	static float[][] probabilities(final EncoderClassifier c, final NDManager manager,
		final List<Img<FloatType>> cubes, final int batch)
	{
		final List<float[]> out = new ArrayList<>();
		for (int i = 0; i < cubes.size(); i += batch) {
			try (NDManager m = manager.newSubManager()) {
				final NDArray x = Tensors.stack(m, cubes.subList(i, Math.min(cubes.size(), i + batch)));
				final NDArray z = c.forward(new ParameterStore(m, false), new NDList(x), false).head();
				final NDArray p = c.outputs() == 1 ? ai.djl.nn.Activation.sigmoid(z) : z.softmax(1);
				final long k = p.getShape().get(1);
				final float[] flat = p.toFloatArray();
				for (int n = 0; n < flat.length / k; n++)
					out.add(java.util.Arrays.copyOfRange(flat, (int) (n * k), (int) ((n + 1) * k)));
			}
		}
		return out.toArray(new float[0][]);
	}

	@Override
	public void close() {
		bundle.close();
	}
}
