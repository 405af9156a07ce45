package org.transvw.data.io;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.transvw.data.io.NiftiFormatTest.assertFails;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.img.array.ArrayImgs;

/** Every bad NIfTI input gets an IOException naming the file and the problem. */
public class NiftiBadInputTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private Path written(final String name, final long... dims) throws IOException {
		final Path p = tmp.getRoot().toPath().resolve(name);
		final double[] sp = new double[dims.length];
		Arrays.fill(sp, 1);
		VolumeIO.write(Volume.of(ArrayImgs.floats(dims), sp, Modality.CT), p);
		return p;
	}

	@Test
	public void truncatedFile() throws IOException {
		final Path p = written("cut.nii", 8, 8, 8);
		final byte[] b = Files.readAllBytes(p);
		Files.write(p, Arrays.copyOf(b, b.length - 100));
		assertFails(p, "cut.nii", "truncated file", "2048 bytes");
	}

	@Test
	public void truncatedGzip() throws IOException {
		final Path p = written("cut.nii.gz", 8, 8, 8);
		final byte[] b = Files.readAllBytes(p);
		Files.write(p, Arrays.copyOf(b, b.length / 2));
		assertFails(p, "cut.nii.gz", "truncated");
	}

	@Test
	public void notNifti() throws IOException {
		final Path p = tmp.getRoot().toPath().resolve("text.nii");
		Files.write(p, new byte[400]);
		assertFails(p, "text.nii", "not a NIfTI-1 file");
	}

	@Test
	public void fourDimensionalIsRefused() throws IOException {
		final Path p = written("series.nii", 4, 4, 4);
		final byte[] b = Files.readAllBytes(p);
		ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(40, (short) 4).putShort(48,
			(short) 2);
		Files.write(p, b);
		assertFails(p, "series.nii", "4D image [4, 4, 4, 2] is not supported");
	}

	@Test
	public void unsupportedDatatype() throws IOException {
		final Path p = written("complex.nii", 2, 2, 2);
		final byte[] b = Files.readAllBytes(p);
		ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(70, (short) 32);
		Files.write(p, b);
		assertFails(p, "complex.nii", "unsupported NIfTI datatype 32");
	}

	@Test
	public void missingFileAndUnknownEnding() throws IOException {
		assertFails(tmp.getRoot().toPath().resolve("absent.nii"), "absent.nii", "no such file");
		final Path odd = tmp.getRoot().toPath().resolve("scan.xyz");
		Files.write(odd, new byte[10]);
		assertFails(odd, "scan.xyz", "unknown file type", ".nii.gz");
	}

	@Test
	public void twoDimensionalWhereThreeDimensionalIsNeeded() throws IOException {
		final Path p = written("slice.nii", 16, 16);
		try {
			VolumeIO.read(p, 3);
			fail("a 2D file must be refused where 3D is needed");
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().contains(
				"slice.nii: expected a 3D volume, got a 2D image [16, 16]"));
		}
	}
}
