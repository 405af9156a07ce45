/**
 * The networks of the pre-training and transfer stages (paper section III; method.md §4): the
 * 3D U-Net in the reference PyTorch and Keras flavours with the self-classification heads
 * ({@link org.transvw.network.UNet3d}), the 2D U-Net with a ResNet-18 encoder of the X-ray
 * experiments ({@link org.transvw.network.ResNet18UNet2d}, own basic blocks on DJL's Conv2d and
 * BatchNorm), the one Conv-BN-ReLU builder, batch normalisation with a
 * selectable inference mode, and the model bundle (weights + JSON description) with encoder /
 * decoder transfer into a different head.
 * <p>
 * Core package: may import {@code common}, {@code data.normalize} (the recorded normalisation)
 * and DJL; never ImgLib2, ImageJ, AWT/Swing or SciJava UI/commands. Blocks see only
 * {@code NDList}s; pixels enter through {@code engine.Tensors}.
 */
package org.transvw.network;
