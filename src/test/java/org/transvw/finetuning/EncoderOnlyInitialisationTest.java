package org.transvw.finetuning;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;
import org.transvw.network.ModelBundle;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;
import org.transvw.network.weights.WeightImporter;

import ai.djl.Device;
import ai.djl.nn.Parameter;

/**
 * An imported encoder-only checkpoint (TransVW's ClassificationNet3D, the authors' layout) as the
 * pre-trained bundle of both fine-tuners: the encoder is transferred, the decoder keeps the
 * fine-tuner's own seeded initialisation, and the report says that the decoder starts fresh.
 */
@Category(EngineTests.class)
public class EncoderOnlyInitialisationTest {

	private static final long SEED = 3;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void encoderIsTransferredAndTheDecoderStartsFresh() throws Exception {
		// setup: import the fixture into a bundle
		EngineSession.engine();
		final Path file = Paths.get(fixture());
		final Path dir = tmp.getRoot().toPath().resolve("encoder-only");
		WeightImporter.toBundle(WeightImporter.read(file, WeightImporter.Options.defaults()), dir,
			Device.cpu());
		try (ModelBundle b = ModelBundle.load(dir, Device.cpu())) {
			for (final UNet3dConfig target : new UNet3dConfig[] { b.block().config().withNumClasses(0),
				b.block().config().withNumClasses(2) })
			{
				// process
				EngineSession.engine().setRandomSeed((int) SEED);
				final Initialisation.Result fresh = Initialisation.create(target, null, Device.cpu(),
					false);
				EngineSession.engine().setRandomSeed((int) SEED);
				final Initialisation.Result init = Initialisation.create(target, b, Device.cpu(), false);
				try {
					// test
					assertTrue(init.transfer().toString(), init.transfer().notes().contains(
						"the pre-trained bundle holds an encoder only: the decoder starts fresh"));
					final UNet3d net = (UNet3d) init.model().getBlock();
					final Map<String, Parameter> mine = net.namedParameters();
					final Map<String, Parameter> scratch = ((UNet3d) fresh.model().getBlock())
						.namedParameters();
					final Map<String, Parameter> pre = b.block().namedParameters();
					int encoder = 0, decoder = 0;
					for (final Map.Entry<String, Parameter> e : mine.entrySet()) {
						final String layer = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
						final float[] v = e.getValue().getArray().toFloatArray();
						if (net.isEncoderLayer(layer)) {
							assertArrayEquals(e.getKey(), pre.get(e.getKey()).getArray().toFloatArray(), v, 0f);
							encoder++;
						}
						else if (net.isDecoderLayer(layer)) {
							assertArrayEquals(e.getKey(), scratch.get(e.getKey()).getArray().toFloatArray(), v,
								0f);
							decoder++;
						}
					}
					assertEquals(init.transfer().mapped().size(), encoder);
					assertTrue(decoder > 0);
				}
				finally {
					fresh.model().close();
					init.model().close();
				}
			}
		}
	}

	private static java.net.URI fixture() throws URISyntaxException {
		return WeightImporter.class.getResource("/org/transvw/network/weights/transvw_en_b1.pt")
			.toURI();
	}
}
