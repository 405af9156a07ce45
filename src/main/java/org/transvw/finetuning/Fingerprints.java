package org.transvw.finetuning;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Data fingerprints of fine-tuning inputs for the resume check of a run with a checkpoint
 * folder: a CRC-32C over the names, sizes and every voxel value (as float bits) of the images
 * and labels, in order. A checksum that changes whenever the data change, not a security hash.
 */
final class Fingerprints {

	private Fingerprints() {}

	/** Of training and validation cases. */
	static String ofCases(final List<LabelledCase> train, final List<LabelledCase> validation) {
		final CRC32C crc = new CRC32C();
		for (final List<LabelledCase> split : List.of(train, validation)) {
			update(crc, "split " + split.size());
			for (final LabelledCase c : split) {
				update(crc, c.name());
				update(crc, c.image());
				update(crc, c.labels());
			}
		}
		return format(crc, train.size() + validation.size());
	}

	/** Of training and validation cubes with their labels. */
	static String ofCubes(final List<LabelledCube> train, final List<LabelledCube> validation) {
		final CRC32C crc = new CRC32C();
		for (final List<LabelledCube> split : List.of(train, validation)) {
			update(crc, "split " + split.size());
			for (final LabelledCube c : split) {
				update(crc, c.id() + " label " + c.label());
				update(crc, c.cube());
			}
		}
		return format(crc, train.size() + validation.size());
	}

	private static void update(final CRC32C crc, final String text) {
		crc.update(text.getBytes(StandardCharsets.UTF_8));
		crc.update(0);
	}

	private static void update(final CRC32C crc,
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		update(crc, java.util.Arrays.toString(image.dimensionsAsLongArray()));
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 14).order(
			java.nio.ByteOrder.LITTLE_ENDIAN);
		for (final RealType<?> t : Views.flatIterable(image)) {
			if (!b.hasRemaining()) {
				crc.update(b.flip());
				b.clear();
			}
			b.putFloat(t.getRealFloat());
		}
		crc.update(b.flip());
	}

	private static String format(final CRC32C crc, final int items) {
		return String.format(Locale.ROOT, "crc32c:%08x:%d", crc.getValue(), items);
	}
}
