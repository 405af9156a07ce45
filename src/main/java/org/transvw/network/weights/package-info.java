/**
 * Weight import (issue 7; method.md §7): the released TransVW / Models Genesis weights read without
 * Python and without executing the file. {@code torch.save} files go through a restricted
 * unpickler ({@link org.transvw.network.weights.PickleReader}: containers, numbers, strings and
 * tensors only, every other global refused), Keras HDF5 through the pure-Java jHDF reader; the
 * {@code KeyTable} maps reference names onto {@link org.transvw.network.UNet3d} parameters and
 * {@link org.transvw.network.weights.WeightImporter} writes a normal model bundle.
 * <p>
 * Core package: may import {@code common}, {@code network}, {@code data.normalize}, DJL and jHDF;
 * never ImgLib2, ImageJ, AWT/Swing or SciJava UI/commands.
 */
package org.transvw.network.weights;
