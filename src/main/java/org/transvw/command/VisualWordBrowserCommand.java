package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.discovery.VisualWordMontage;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDataset;
import org.transvw.imagej.ImagePlusBridge;

import ij.ImagePlus;

/**
 * Shows a visual-word dataset as a montage: one row per visual word, one column per instance
 * (fixed-scale crops of different patients first), each the central slice or the maximum
 * projection of the cube. Macro:
 * <pre>
 * run("Visual word browser", "dataset=[/data/words] columns=8 words=0 projection=slice split=train");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Visual word browser")
public class VisualWordBrowserCommand extends TransVwCommand {

	@Parameter(label = "Dataset folder (written by Self-discovery)", style = "directory",
		description = "A complete visual-word dataset folder (manifest.json + shards)")
	private File dataset;

	@Parameter(label = "Columns: instances per visual word", min = "1", max = "1000",
		persist = false, description = "Instances shown per row")
	private int columns = 8;

	@Parameter(label = "Words to show (0 = all)", min = "0", max = "100000", persist = false,
		description = "Rows: the first so many visual words")
	private int words = 0;

	@Parameter(label = "Projection of each cube", choices = { "slice", "max" }, persist = false,
		description = "slice: the central z slice; max: maximum intensity projection along z")
	private String projection = "slice";

	@Parameter(label = "Split to show", choices = { "train", "validation" }, persist = false,
		description = "Training instances (all scales) or validation instances")
	private String split = "train";

	@Parameter(label = "Montage", type = ItemIO.OUTPUT, description = "Rows = visual words, " +
		"columns = instances")
	private ImagePlus montage;

	@Override
	protected void execute() throws IOException {
		final Path dir = Inputs.folder(dataset, "dataset", "a visual-word dataset folder");
		final VisualWordMontage.Tile tile = Choices.of(VisualWordMontage.Tile.class, projection,
			"projection");
		final Split s = Choices.of(Split.class, split, "split");
		try (VisualWordDataset ds = VisualWordDataset.open(dir)) {
			montage = ImagePlusBridge.toImagePlus(Volume.of(VisualWordMontage.render(ds, s, words,
				columns, tile), new double[] { 1, 1 }, Modality.OTHER), "Visual words of " + dataset
					.getName() + " (" + s.tag() + ", " + projection + ")");
		}
	}
}
