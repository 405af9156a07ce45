package org.transvw.imagej;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.Test;
import org.transvw.training.MetricsCsv;

import ij.process.ColorProcessor;

/** The headless loss plot: drawn off-screen with lines only, curves where the numbers say. */
public class LossCurvePlotTest {

	private static final int BLUE = 0x0000ff, RED = 0xff0000;

	private static MetricsCsv.Table table() {
		// train falls 1 -> 0, validation stays at 0.5 (one epoch missing)
		return new MetricsCsv.Table(List.of("epoch", "train_total", "val_total"), List.of(
			new double[] { 1, 1.0, 0.5 }, new double[] { 2, 0.5, Double.NaN }, new double[] { 3, 0.0,
				0.5 }));
	}

	private static boolean near(final ColorProcessor ip, final int x, final int y, final int rgb) {
		for (int dy = -2; dy <= 2; dy++)
			for (int dx = -2; dx <= 2; dx++)
				if ((ip.getPixel(x + dx, y + dy) & 0xffffff) == rgb) return true;
		return false;
	}

	@Test
	public void curvesGoWhereTheirValuesAre() {
		final ColorProcessor ip = LossCurvePlot.render(table());
		final int left = LossCurvePlot.MARGIN, right = LossCurvePlot.WIDTH - LossCurvePlot.MARGIN;
		final int top = LossCurvePlot.MARGIN, bottom = LossCurvePlot.HEIGHT - LossCurvePlot.MARGIN;
		assertEquals(LossCurvePlot.WIDTH, ip.getWidth());
		assertTrue("train starts top left", near(ip, left, top, BLUE));
		assertTrue("train ends bottom right", near(ip, right, bottom, BLUE));
		assertTrue("train passes the middle", near(ip, (left + right) / 2, (top + bottom) / 2, BLUE));
		final int mid = (top + bottom) / 2;
		assertTrue("validation is flat at 0.5", near(ip, left, mid, RED) && near(ip, right, mid, RED) &&
			near(ip, (left + right) / 2, mid, RED));
		assertTrue("no curve in the top right corner", !near(ip, right, top, BLUE) && !near(ip,
			right, top, RED));
	}

	@Test
	public void savedHeadlessAsAPng() throws Exception {
		assertTrue(GraphicsEnvironment.isHeadless());
		final Path dir = Files.createTempDirectory("loss-plot");
		final Path png = dir.resolve("loss-curve.png");
		LossCurvePlot.save(table(), "test", png);
		final BufferedImage img = ImageIO.read(png.toFile());
		assertEquals(LossCurvePlot.WIDTH, img.getWidth());
		assertEquals(LossCurvePlot.HEIGHT, img.getHeight());
		try (var files = Files.list(dir)) {
			assertEquals("no temporary file left", 1, files.count());
		}
	}

	@Test
	public void emptyMetricsAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> LossCurvePlot.render(new MetricsCsv.Table(
			List.of("epoch"), List.of())));
	}
}
