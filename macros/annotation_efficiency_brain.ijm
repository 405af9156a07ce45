// TransVW for Fiji: an annotation-efficiency study on real MRI (Colin27 T1 variants, brain mask),
// headless or in Fiji (docs/study.md, docs/real-data.md).
//
//   bin/fetch-sample-data /tmp/samples
//   env -u DISPLAY bin/transvw-macro macros/annotation_efficiency_brain.ijm "samples=/tmp/samples dir=/tmp/brain-study"
//
// Collections are seeded variants of the one labelled subject ("Generate variants", as in
// macros/transvw_brain_demo.ijm): unlabelled seed 11 (self-discovery, pre-training), labelled
// seed 21 (training + validation), held-out test seed 31. Then self-discovery -> TransVW
// pre-training -> the study: scratch vs the bundle at `fractions` of the training cases x
// `seeds`, each cell scored on the held-out variants; paired tests, saving, plots, report.md.
args = getArgument();

function arg(key, default) {
	parts = split(args, " ");
	for (i = 0; i < parts.length; i++) {
		if (startsWith(parts[i], key + "="))
			return substring(parts[i], lengthOf(key) + 1);
	}
	return default;
}

samples = arg("samples", "");
if (samples == "" || !File.exists(samples + "/colin27_ch2.nii.gz"))
	exit("samples: expected the folder bin/fetch-sample-data wrote (with colin27_ch2.nii.gz), got '" + samples + "'");
dir = arg("dir", getDirectory("temp") + "transvw-brain-study");
spacing = arg("spacing", "2");        // mm, every stage works at this spacing
spacings = arg("spacings", "2,2,2;2,2,3");
unlabeled = arg("unlabeled", "12");   // variants for self-discovery and pre-training
labeled = arg("labeled", "7");        // labelled variants (6 training + 1 validation)
test = arg("test", "3");              // held-out labelled variants
patch = arg("patch", "32,32,32");
width = arg("width", "8");
pretrain = arg("pretrain", "10");     // pre-training epochs
finetune = arg("finetune", "8");      // fine-tuning epochs of every cell
samplesPerEpoch = arg("perepoch", "32");
fractions = arg("fractions", "17,50,100"); // of 6 training cases: 1, 3, 6
seeds = arg("seeds", "3");
device = arg("device", "auto");
elastic = "elastic=3 control=40 rotation=5 scale=0.05 shift=5 bias=0.1 noise=3";

File.makeDirectory(dir);
t0 = getTime();
function elapsed() {
	return "" + round((getTime() - t0) / 1000) + " s";
}
ch2 = samples + "/colin27_ch2.nii.gz";
mask = samples + "/colin27_brain_mask.nii.gz";
print("TransVW brain study in " + dir + " (samples " + samples + ")");
run("Generate variants", "overwrite image=[" + ch2 + "] output=[" + dir + "/unlabeled] count=" + unlabeled + " first=0 spacings=" + spacings + " " + elastic + " labelled=1 seed=11");
run("Generate variants", "overwrite image=[" + ch2 + "] labelmap=[" + mask + "] output=[" + dir + "/labeled] count=" + labeled + " first=0 spacings=" + spacings + " " + elastic + " labelled=1 seed=21");
run("Generate variants", "overwrite image=[" + ch2 + "] labelmap=[" + mask + "] output=[" + dir + "/test] count=" + test + " first=0 spacings=" + spacings + " " + elastic + " labelled=1 seed=31");
print("[1/4] variants written (" + elapsed() + ")");

run("Self-discovery", "overwrite fresh input=[" + dir + "/unlabeled/images] output=[" + dir + "/visual_words] classes=0 k=0 kval=-1 validation=0.2 patch=" + patch + " criterion=foreground modality=mr normalization=auto spacing=" + spacing + " grid=" + patch + " width=" + width + " skips epochs=3 batch=4 patience=50 device=" + device + " seed=1");
run("Pre-train TransVW", "overwrite fresh dataset=[" + dir + "/visual_words] output=[" + dir + "/transvw_bundle] mode=transvw flavour=pytorch width=" + width + " batch=8 lr=0.001 schedule=step:40:0.5 epochs=" + pretrain + " patience=50 rec=1 cls=0.01 pretext=1 workers=2 every=0 device=" + device + " threads=0 seed=1");
print("[2/4] TransVW pre-trained (" + elapsed() + ")");

run("Annotation-efficiency study", "overwrite images=[" + dir + "/labeled/images] labels=[" + dir + "/labeled/labels] testimages=[" + dir + "/test/images] testlabels=[" + dir + "/test/labels] bundles=[" + dir + "/transvw_bundle] output=[" + dir + "/study] task=segmentation fractions=" + fractions + " seeds=" + seeds + " slices=0 patch=" + patch + " classes=2 epochs=" + finetune + " batch=4 samples=" + samplesPerEpoch + " lr=0.001 patience=" + finetune + " validation=0.15 crossentropy=1 width=" + width + " modality=mr normalization=auto spacing=" + spacing + " seed=1 device=" + device);
print("[3/4] study run (" + elapsed() + ")");
print("[4/4] " + dir + "/study/study.csv:");
print(File.openAsString(dir + "/study/study.csv"));
print("report: " + dir + "/study/report.md (plots dice_vs_fraction.png, convergence.png)");
print("RESULT study finished in " + elapsed());
