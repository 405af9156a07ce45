package org.transvw.finetuning;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.data.FloatImages;
import org.transvw.perturbation.ElasticDeformation;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.Gaussian;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Training-time augmentation of an (image, labels) patch pair, the same geometric transform on
 * both: an in-plane elastic deformation (TransVW's, {@link ElasticDeformation}: alpha 991, sigma 8;
 * image bilinear, labels nearest-neighbour), in-plane transpose and 90-degree rotation (only when the patch is square in x, y), a flip
 * of each axis with probability 1/2, then additive Gaussian noise on the image (the Models Genesis
 * {@code augment_gaussian_noise}: variance drawn from U(0, {@code noiseVariance}); method.md
 * §6). Labels are moved, never interpolated, so class indices and the unlabelled value
 * survive.
 *
 * @param flip flip x, y and z (x and y in 2D), each with probability 1/2
 * @param rotate transpose x/y with probability 1/2, then rotate by k * 90 degrees in the x/y
 *          plane, k uniform in 0..3 (square in-plane patches only)
 * @param noiseProbability probability of adding noise to a patch
 * @param noiseVariance upper bound of the noise variance (reference 0.1)
 * @param elasticProbability probability of an elastic deformation of a patch
 */
public record Augmentation(boolean flip, boolean rotate, double noiseProbability,
	double noiseVariance, double elasticProbability)
{

	/** The Models Genesis noise variance bound U(0, 0.1). */
	public static final double MG_NOISE_VARIANCE = 0.1;

	public Augmentation {
		Checks.inRange(noiseProbability, 0, 1, "noise probability");
		Checks.inRange(noiseVariance, 0, 10, "noise variance");
		Checks.inRange(elasticProbability, 0, 1, "elastic probability");
	}

	/**
	 * Flips, rotations, elastic deformation of 20 % and noise on 15 % of the patches with variance
	 * up to 0.1.
	 */
	public static Augmentation defaults() {
		return new Augmentation(true, true, 0.15, MG_NOISE_VARIANCE, 0.2);
	}

	/** No augmentation at all. */
	public static Augmentation none() {
		return new Augmentation(false, false, 0, 0, 0);
	}

	/** A new, augmented pair; the input is not modified. */
	public PatchSampler.Sample apply(final PatchSampler.Sample in, final RandomStreams rng) {
		RandomAccessibleInterval<FloatType> image = in.image();
		RandomAccessibleInterval<FloatType> labels = in.labels();
		if (rotate && image.dimension(0) == image.dimension(1)) {
			if (rng.bernoulli(0.5)) {
				image = Views.permute(image, 0, 1);
				labels = Views.permute(labels, 0, 1);
			}
			final int k = rng.nextInt(4);
			for (int i = 0; i < k; i++) {
				image = Views.zeroMin(Views.rotate(image, 0, 1));
				labels = Views.zeroMin(Views.rotate(labels, 0, 1));
			}
		}
		if (flip) for (int d = 0; d < image.numDimensions(); d++)
			if (rng.bernoulli(0.5)) {
				image = Views.zeroMin(Views.invertAxis(image, d));
				labels = Views.zeroMin(Views.invertAxis(labels, d));
			}
		Img<FloatType> outImage = FloatImages.copy(image);
		Img<FloatType> outLabels = FloatImages.copy(labels);
		if (elasticProbability > 0 && rng.bernoulli(elasticProbability)) {
			final FloatCube img = FloatCube.copyOf(outImage);
			final ElasticDeformation.Params p = new ElasticDeformation().draw(rng, outImage);
			final float[][] u = ElasticDeformation.displacement(p, img.dims());
			outImage = ElasticDeformation.warp(img, u[0], u[1]).toImg();
			outLabels = nearest(FloatCube.copyOf(outLabels), u[0], u[1]).toImg();
		}
		if (noiseProbability > 0 && rng.bernoulli(noiseProbability)) {
			final double sd = Math.sqrt(rng.nextDouble() * noiseVariance);
			for (final FloatType t : outImage)
				t.set((float) (t.get() + sd * rng.nextGaussian()));
		}
		return new PatchSampler.Sample(outImage, outLabels);
	}

	/**
	 * {@code out(x, y, z) = in(round(x + ux), round(y + uy), z)} with the reflecting border of
	 * {@link ElasticDeformation#warp}: labels keep their values.
	 */
	static FloatCube nearest(final FloatCube in, final float[] ux, final float[] uy) {
		final int nx = in.dim(0), ny = in.dim(1), nz = in.depth(), plane = nx * ny;
		final float[] src = in.data();
		final FloatCube out = FloatCube.zeros(in.dims());
		final float[] dst = out.data();
		final Gaussian.Boundary reflect = Gaussian.Boundary.REFLECT;
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					final int i = z * plane + y * nx + x;
					final int xs = reflect.map((int) Math.round(x + (double) ux[i]), nx);
					final int ys = reflect.map((int) Math.round(y + (double) uy[i]), ny);
					dst[i] = src[z * plane + ys * nx + xs];
				}
		return out;
	}
}
