package org.transvw.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * The light 2D U-Net: parameter counts of the initialised DJL blocks against the arithmetic of
 * its layer plan, output shapes, and the refusal of a volume tensor.
 */
@Category(EngineTests.class)
public class UNet2dCountTest {

	@BeforeClass
	public static void engine() {
		EngineSession.engine();
	}

	/** conv 3x3 with bias (9 in out + out) + BN scale and shift (2 out). */
	private static long unit(final long in, final long out) {
		return 9 * in * out + out + 2 * out;
	}

	/** The count of UNet2d by hand: encoder, decoder, final 1x1 conv, head. */
	static long arithmetic(final long b, final long in, final long out, final long classes) {
		long enc = 0;
		long from = in;
		for (int l = 0; l < 4; l++) {
			final long mid = l == 0 ? b : from, o = b << (l + 1);
			enc += unit(from, mid) + unit(mid, o);
			from = o;
		}
		long dec = 0;
		for (int l = 0; l < 3; l++) {
			final long f = (16 * b) >> l, skip = (8 * b) >> l;
			dec += unit(f + skip, skip) + unit(skip, skip);
		}
		final long finalConv = 2 * b * out + out;
		final long head = classes == 0 ? 0 : 16 * b * 16 * b + 16 * b + 16 * b * classes + classes;
		return enc + dec + finalConv + head;
	}

	@Test
	public void countsMatchTheArithmetic() {
		try (NDManager m = NDManager.newBaseManager()) {
			final UNet2d paper = UNet2d.builder().build();
			paper.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8));
			// base 32: encoder 2,345,472, decoder 3,099,264, final conv 65 (docs/xray-2d.md)
			assertEquals(arithmetic(32, 1, 1, 0), paper.parameterCount());
			assertEquals(5_444_801L, paper.parameterCount());
			assertEquals(2_345_472L, paper.parameterCount("encoder."));
			final UNet2d small = UNet2d.builder().optBaseWidth(8).optNumClasses(10).build();
			small.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8));
			assertEquals(arithmetic(8, 1, 1, 10), small.parameterCount());
			assertEquals(16L * 8 * 16 * 8 + 16 * 8 + 16 * 8 * 10 + 10, small.parameterCount("cls_"));
		}
	}

	@Test
	public void forwardGivesSegmentationAndLogits() {
		try (NDManager m = NDManager.newBaseManager()) {
			final UNet2d net = UNet2d.builder().optBaseWidth(4).optNumClasses(3).build();
			net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 16, 24));
			final NDList out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(
				new Shape(2, 1, 16, 24))), false);
			assertEquals(new Shape(2, 1, 16, 24), out.get(0).getShape());
			assertEquals(new Shape(2, 3), out.get(1).getShape());
			final NDArray seg = out.get(0);
			assertTrue(seg.min().getFloat() >= 0 && seg.max().getFloat() <= 1);
		}
	}

	@Test
	public void volumeTensorIsRefusedWithBothDimensionalities() {
		try (NDManager m = NDManager.newBaseManager()) {
			final UNet2d net = UNet2d.builder().optBaseWidth(4).build();
			net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8));
			try {
				net.forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(1, 1, 8, 8, 8))),
					false);
				throw new AssertionError("a volume tensor was accepted");
			}
			catch (final IllegalArgumentException e) {
				assertTrue(e.getMessage(), e.getMessage().contains("expected a 2D image") && e
					.getMessage().contains("found a 3D volume"));
			}
			try {
				net.forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(1, 1, 12, 8))),
					false);
				throw new AssertionError("size 12 was accepted");
			}
			catch (final IllegalArgumentException e) {
				assertTrue(e.getMessage(), e.getMessage().contains("multiples of 8"));
			}
		}
	}
}
