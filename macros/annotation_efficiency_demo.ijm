// TransVW for Fiji: an annotation-efficiency study on the embedded chest-CT phantom, headless
// or in Fiji (docs/study.md).
//
//   bin/transvw-macro macros/annotation_efficiency_demo.ijm "dir=/tmp/transvw-study"
//
// 1. generate phantom collections (unlabelled for pre-training, labelled for fine-tuning,
//    held-out for testing)
// 2. self-discover visual words and pre-train a small TransVW bundle (as macros/transvw_demo.ijm)
// 3. the study: scratch vs the bundle, label fractions x seeds, each cell a fine-tuning scored on
//    the held-out volumes; paired tests, annotation saving, plots and report.md
// 4. print the table (study.csv)
//
// A tiny budget (minutes on 2 CPU cores): the numbers show the machinery, not the method's
// gain. Every size is a macro argument (key=value), e.g. "dir=/data/study fractions=10,25,50,100
// seeds=5 width=32 pretrain=200 finetune=100 device=gpu" with real data in place of the phantom.
args = getArgument();

function arg(key, default) {
	parts = split(args, " ");
	for (i = 0; i < parts.length; i++) {
		if (startsWith(parts[i], key + "="))
			return substring(parts[i], lengthOf(key) + 1);
	}
	return default;
}

dir = arg("dir", getDirectory("temp") + "transvw-study");
size = arg("size", "64");           // in-plane voxels of each phantom volume
depth = arg("depth", "32");         // slices
unlabeled = arg("unlabeled", "6");  // patients for self-discovery and pre-training
labeled = arg("labeled", "6");      // labelled patients (training + validation)
test = arg("test", "3");            // held-out labelled patients
patch = arg("patch", "32,32,16");   // visual-word cube and fine-tuning patch
width = arg("width", "4");          // base width of the U-Net (the paper: 32)
classes = arg("classes", "4");      // visual words C
k = arg("k", "3");                  // patients per word K
pretrain = arg("pretrain", "3");    // pre-training epochs
finetune = arg("finetune", "3");    // fine-tuning epochs of every cell
samples = arg("samples", "8");      // fine-tuning patches per epoch
lr = arg("lr", "0.001");            // fine-tuning learning rate (docs/study.md: what larger budgets gave)
fractions = arg("fractions", "50,100");
seeds = arg("seeds", "2");
device = arg("device", "auto");
seed = arg("seed", "1");

// Every call passes 'overwrite': a rerun into the same dir replaces the demo's own results (the
// study itself resumes: finished cells of the same settings are kept).
File.makeDirectory(dir);
t0 = getTime();
function elapsed() {
	return "" + round((getTime() - t0) / 1000) + " s";
}

print("TransVW annotation-efficiency demo in " + dir);
run("Generate phantom collection", "overwrite output=[" + dir + "/unlabeled] count=" + unlabeled + " size=" + size + " depth=" + depth + " groups=3 noise=20 seed=" + (parseInt(seed) + 100));
run("Generate phantom collection", "overwrite output=[" + dir + "/labeled] count=" + labeled + " size=" + size + " depth=" + depth + " groups=3 lesions noise=20 seed=" + (parseInt(seed) + 200));
run("Generate phantom collection", "overwrite output=[" + dir + "/test] count=" + test + " size=" + size + " depth=" + depth + " groups=3 lesions noise=20 seed=" + (parseInt(seed) + 300));
print("[1/4] phantoms written (" + elapsed() + ")");

run("Self-discovery", "overwrite fresh input=[" + dir + "/unlabeled/images] output=[" + dir + "/visual_words] classes=" + classes + " k=" + k + " kval=-1 validation=0.2 patch=" + patch + " criterion=foreground normalization=auto grid=" + patch + " width=" + width + " skips epochs=2 batch=4 patience=50 device=" + device + " seed=" + seed);
run("Pre-train TransVW", "overwrite fresh dataset=[" + dir + "/visual_words] output=[" + dir + "/transvw_bundle] mode=transvw flavour=pytorch width=" + width + " batch=8 lr=0.001 schedule=step:40:0.5 epochs=" + pretrain + " patience=50 rec=1 cls=0.01 pretext=1 workers=2 every=0 device=" + device + " threads=0 seed=" + seed);
print("[2/4] TransVW pre-trained (" + elapsed() + ")");

run("Annotation-efficiency study", "overwrite images=[" + dir + "/labeled/images] labels=[" + dir + "/labeled/labels] testimages=[" + dir + "/test/images] testlabels=[" + dir + "/test/labels] bundles=[" + dir + "/transvw_bundle] output=[" + dir + "/study] task=segmentation fractions=" + fractions + " seeds=" + seeds + " slices=0 patch=" + patch + " classes=2 epochs=" + finetune + " batch=4 samples=" + samples + " lr=" + lr + " patience=" + finetune + " validation=0.34 crossentropy=1 width=" + width + " seed=" + seed + " device=" + device);
print("[3/4] study run (" + elapsed() + ")");

print("[4/4] " + dir + "/study/study.csv:");
print(File.openAsString(dir + "/study/study.csv"));
print("report: " + dir + "/study/report.md (plots dice_vs_fraction.png, convergence.png)");
print("RESULT study finished in " + elapsed());
