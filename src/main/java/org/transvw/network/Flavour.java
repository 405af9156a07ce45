package org.transvw.network;

/**
 * Which reference implementation a 3D U-Net reproduces (method.md §4; divergence 9.7).
 * <ul>
 * <li>{@link #PYTORCH}: TransVW / Models Genesis PyTorch {@code UNet3D}: learned 2x up-sampling
 * (ConvTranspose3d k2 s2, here a 1x1x1 convolution to 8x channels + depth-to-space), BN eps 1e-5,
 * PyTorch momentum 0.1, PyTorch default initialisation; head conv 16b->32b -> GAP -> FC C.</li>
 * <li>{@link #KERAS}: TransVW Keras {@code unet_model_3d} / {@code ynet_model_3d}: nearest 2x
 * up-sampling (no weights), BN eps 1e-3, Keras momentum 0.99, glorot-uniform kernels; head conv
 * 16b->16b -> GAP -> FC 32b ReLU -> FC C.</li>
 * </ul>
 * The released {@code .pt} and {@code .h5} files are therefore different architectures.
 */
public enum Flavour {
	PYTORCH, KERAS
}
