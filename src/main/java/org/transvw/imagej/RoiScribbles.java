package org.transvw.imagej;

import java.awt.Point;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.finetuning.LabkitLabels;
import org.transvw.finetuning.ScribbleClasses;
import org.transvw.finetuning.Scribbles;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.io.RoiDecoder;
import ij.plugin.frame.RoiManager;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * ImageJ 1.x ROIs as fine-tuning scribbles: reads ROIs from the ROI Manager, an image's overlay or
 * a {@code .roi} / {@code .zip} file (headless-safe: the manager is only looked up, never created,
 * and files are decoded by {@link RoiDecoder}), and rasterises each into a
 * {@link Scribbles.Stroke} with ImageJ's own {@link Roi#getContainedPoints()}: an area is filled,
 * a line, polyline or freehand stroke covers its stroke width (width 1: the pixels along it), a
 * point is one pixel.
 * <p>
 * Class of a ROI: its name by {@link ScribbleClasses}; else its group's name by the same rule;
 * else its group number g >= 1 as class g - 1 (group 1 = background, group 2 = class 1). A ROI
 * with neither is refused, naming it. Slice: the ROI's z position (hyperstack position, or stack
 * position); a ROI without one (shown on every slice) is refused for stacks.
 */
public final class RoiScribbles {

	private RoiScribbles() {}

	/**
	 * The scribbles of {@code imp} as sparse labels, from {@code source}: {@code manager},
	 * {@code overlay}, {@code file} (a .roi / .zip), {@code labkit} (a label TIFF,
	 * {@link LabkitLabels}) or {@code auto} (the file if given, by its ending; else the overlay if
	 * it has ROIs; else the ROI Manager).
	 *
	 * @param file the ROI or Labkit file, or null
	 * @throws IllegalArgumentException naming the parameter or ROI that is wrong
	 */
	public static Scribbles.Result read(final ImagePlus imp, final String source, final Path file)
		throws IOException
	{
		final String f = file == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
		String s = source == null ? "auto" : source.trim().toLowerCase(Locale.ROOT);
		if (s.equals("auto")) s = file != null ? f.endsWith(".tif") || f.endsWith(".tiff") ? "labkit"
			: "file" : fromOverlay(imp).length > 0 ? "overlay" : "manager";
		if ((s.equals("file") || s.equals("labkit")) && file == null)
			throw new IllegalArgumentException("file: expected a file for source=" + s);
		if (s.equals("labkit")) {
			final Scribbles.Result r = LabkitLabels.read(file);
			if (!Arrays.equals(r.labels().dimensionsAsLongArray(), size(imp)))
				throw new IllegalArgumentException("file: Labkit labels of size " + Arrays.toString(r
					.labels().dimensionsAsLongArray()) + ", the image is " + Arrays.toString(size(imp)));
			return r;
		}
		final Roi[] rois = switch (s) {
			case "manager" -> fromManager();
			case "overlay" -> fromOverlay(imp);
			case "file" -> fromFile(file);
			default -> throw new IllegalArgumentException("source: expected auto, manager, overlay, " +
				"file or labkit, got " + source);
		};
		if (rois.length == 0) throw new IllegalArgumentException("source: no ROIs in the " + s +
			(s.equals("overlay") ? " (draw strokes and add them to the overlay with 'b', Image > " +
				"Overlay > Add Selection, or give a file)" : " (draw strokes and add them to the ROI " +
					"Manager with 't', or give a file)"));
		return Scribbles.rasterise(size(imp), strokes(rois, imp));
	}

	/** The ROIs of the ROI Manager (its window, or a batch macro's hidden one); none if absent. */
	public static Roi[] fromManager() {
		final RoiManager rm = RoiManager.getInstance2();
		return rm == null ? new Roi[0] : rm.getRoisAsArray();
	}

	/** The ROIs of {@code imp}'s overlay; none if it has no overlay. */
	public static Roi[] fromOverlay(final ImagePlus imp) {
		final Overlay o = imp.getOverlay();
		return o == null ? new Roi[0] : o.toArray();
	}

	/** The ROIs of a {@code .roi} file or of a {@code .zip} of them (as the ROI Manager saves). */
	public static Roi[] fromFile(final Path file) throws IOException {
		final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
		final List<Roi> rois = new ArrayList<>();
		if (n.endsWith(".roi")) rois.add(decode(Files.readAllBytes(file), file.toString(), file
			.getFileName().toString()));
		else if (n.endsWith(".zip")) try (InputStream in = Files.newInputStream(file);
			ZipInputStream zip = new ZipInputStream(in))
		{
			for (ZipEntry e; (e = zip.getNextEntry()) != null;)
				if (e.getName().toLowerCase(Locale.ROOT).endsWith(".roi")) rois.add(decode(zip
					.readAllBytes(), file + "!" + e.getName(), e.getName()));
		}
		else throw new IOException(file + ": expected a .roi file or a .zip of ROIs");
		if (rois.isEmpty()) throw new IOException(file + ": holds no ROI");
		return rois.toArray(new Roi[0]);
	}

	private static Roi decode(final byte[] bytes, final String where, final String entry)
		throws IOException
	{
		final Roi r = RoiDecoder.openFromByteArray(bytes);
		if (r == null) throw new IOException(where + ": not an ImageJ ROI");
		// NB: RoiDecoder leaves the name empty when the ROI had none; the ROI Manager uses the entry
		if (r.getName() == null) r.setName(entry.replaceFirst("(?i)\\.roi$", ""));
		return r;
	}

	/**
	 * The strokes of {@code rois} on {@code imp}'s grid.
	 *
	 * @throws IllegalArgumentException naming a ROI without class, slice or pixels
	 */
	public static List<Scribbles.Stroke> strokes(final Roi[] rois, final ImagePlus imp) {
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) throw new IllegalArgumentException(
			"image '" + imp.getTitle() + "': expected a single-channel, single-frame stack, got " + imp
				.getNChannels() + " channels, " + imp.getNFrames() + " frames");
		final List<Scribbles.Stroke> out = new ArrayList<>();
		for (int i = 0; i < rois.length; i++) {
			final Roi r = rois[i];
			final String source = "ROI " + (i + 1) + " '" + r.getName() + "'";
			if (r instanceof TextRoi || r instanceof ImageRoi) throw new IllegalArgumentException(
				source + ": a text or image overlay cannot be a scribble (use areas, lines or points)");
			final int c = classOf(r, source);
			if (r instanceof PointRoi p) {
				final java.awt.Polygon poly = p.getPolygon();
				for (int k = 0; k < poly.npoints; k++) {
					final int pos = p.getPointPosition(k);
					final int z = pos > 0 ? slice(imp, pos) : slice(r, imp, source);
					out.add(new Scribbles.Stroke(c, z - 1, new int[] { poly.xpoints[k] }, new int[] {
						poly.ypoints[k] }, source + " point " + (k + 1)));
				}
				continue;
			}
			final Point[] px = r.getContainedPoints();
			if (px.length == 0) throw new IllegalArgumentException(source + ": covers no pixel");
			final int[] x = new int[px.length], y = new int[px.length];
			for (int k = 0; k < px.length; k++) {
				x[k] = px[k].x;
				y[k] = px[k].y;
			}
			out.add(new Scribbles.Stroke(c, slice(r, imp, source) - 1, x, y, source));
		}
		return out;
	}

	/** The class by name, group name or group number (class note). */
	static int classOf(final Roi r, final String source) {
		OptionalInt c = ScribbleClasses.classOf(r.getName());
		final int g = r.getGroup();
		if (c.isEmpty() && g > 0) c = ScribbleClasses.classOf(Roi.getGroupName(g));
		if (c.isEmpty() && g > 0) c = OptionalInt.of(g - 1);
		if (c.isEmpty()) throw new IllegalArgumentException(source + ": no class: " +
			ScribbleClasses.rule() + ", or put it in group N + 1");
		return c.getAsInt();
	}

	/** 1-based slice of a ROI. */
	private static int slice(final Roi r, final ImagePlus imp, final String source) {
		final int z = r.hasHyperStackPosition() ? r.getZPosition() : r.getPosition() > 0 ? slice(imp,
			r.getPosition()) : 0;
		if (z > 0) return z;
		if (imp.getNSlices() == 1) return 1;
		throw new IllegalArgumentException(source + ": has no slice position (ImageJ shows it on " +
			"every slice); add it to the ROI Manager while its slice is shown, or set its position");
	}

	/** 1-based slice of a stack index. */
	private static int slice(final ImagePlus imp, final int stackIndex) {
		return imp.isHyperStack() ? imp.convertIndexToPosition(stackIndex)[1] : stackIndex;
	}

	/** The label volume of {@code imp}'s size (x, y, z) with the image's geometry. */
	public static Volume labelVolume(final ImagePlus imp, final Img<UnsignedByteType> labels) {
		final Volume grid = ImagePlusBridge.toVolume(imp);
		final RandomAccessibleInterval<UnsignedByteType> px = grid.numDimensions() == 2 ? Views
			.hyperSlice(labels, 2, 0) : labels;
		return new Volume(px, grid.spacing(), grid.origin(), grid.direction(), Modality.OTHER,
			IntensityMap.raw());
	}

	/** The size (x, y, z) of {@code imp}'s volume, z = 1 for a single image. */
	public static long[] size(final ImagePlus imp) {
		return new long[] { imp.getWidth(), imp.getHeight(), imp.getNSlices() };
	}
}
