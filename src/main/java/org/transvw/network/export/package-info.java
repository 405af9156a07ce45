/**
 * Model exchange: a fine-tuned bundle as a BioImage.IO model package (spec 0.5) and back
 * (issue 17). {@link org.transvw.network.export.BioImageIoExporter} writes {@code rdf.yaml}
 * ({@link org.transvw.network.export.BioImageIoRdf}), a {@code torch.save}-compatible state dict
 * written by the project ({@link org.transvw.network.export.TorchZipWriter},
 * {@link org.transvw.network.export.StateDictExport}), the architecture as a Python module written
 * for the project ({@code transvw_unet3d.py}), NPY test tensors
 * ({@link org.transvw.network.export.Npy}), a PNG cover
 * ({@link org.transvw.network.export.CoverImage}) and the
 * {@link org.transvw.network.ModelCard}; {@link org.transvw.network.export.BioImageIoImporter}
 * reads such a package back through the restricted weight reader of {@code network.weights}.
 * <p>
 * Core package: DJL, SnakeYAML, {@code common}, {@code data.normalize}, {@code network}; no
 * ImgLib2 (test tiles arrive as tensor-order float arrays) and no UI.
 */
package org.transvw.network.export;
