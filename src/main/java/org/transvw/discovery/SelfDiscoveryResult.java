package org.transvw.discovery;

import java.nio.file.Path;
import java.util.List;

import org.transvw.data.prepare.InputPlan;

/**
 * What a self-discovery run produced.
 *
 * @param dataset the dataset folder ({@code VisualWordDataset.open(dataset)})
 * @param words the visual words, class order
 * @param numClasses C used
 * @param k K used
 * @param kValidation validation instances per word
 * @param trainPatients training patients in the collection
 * @param validationPatients held-apart validation patients
 * @param seconds wall time of this call (a resumed run counts only its own part)
 * @param input how the scans were prepared (modality, normalisation, spacing, each with its
 *          reason; {@link InputPlan#notes()} and {@link InputPlan#warnings()} for the log)
 */
public record SelfDiscoveryResult(Path dataset, List<VisualWord> words, int numClasses, int k,
	int kValidation, int trainPatients, int validationPatients, double seconds, InputPlan input)
{}
