// TransVW for Fiji: the whole method on the embedded chest-CT phantom, headless or in Fiji.
//
//   bin/transvw-macro macros/transvw_demo.ijm "dir=/tmp/transvw-demo"
//
// 1. generate phantom collections (unlabelled for pre-training, labelled for fine-tuning,
//    held-out for testing)
// 2. self-discover visual words in the unlabelled collection
// 3. pre-train a 3D U-Net by self-classification + self-restoration (TransVW)
// 4. fine-tune lesion segmentation from the TransVW bundle and, as the baseline, from scratch
//    with the same budget
// 5. segment the held-out volumes and evaluate both arms (pooled Dice)
//
// Every size below is a macro argument (key=value, space separated), so the same macro scales
// up on a GPU, e.g. "dir=/data/run size=256 depth=128 unlabeled=200 patch=64,64,32 width=32
// classes=45 k=200 pretrain=200 finetune=100 device=gpu".
args = getArgument();

function arg(key, default) {
	parts = split(args, " ");
	for (i = 0; i < parts.length; i++) {
		if (startsWith(parts[i], key + "="))
			return substring(parts[i], lengthOf(key) + 1);
	}
	return default;
}

dir = arg("dir", getDirectory("temp") + "transvw-demo");
size = arg("size", "96");          // in-plane voxels of each phantom volume
depth = arg("depth", "48");        // slices
unlabeled = arg("unlabeled", "12"); // patients for self-discovery and pre-training
labeled = arg("labeled", "6");     // labelled patients for fine-tuning (incl. validation)
test = arg("test", "4");           // held-out labelled patients
patch = arg("patch", "32,32,16");  // visual-word cube and fine-tuning patch
grid = arg("grid", "32,32,16");    // auto-encoder grid of self-discovery
width = arg("width", "8");         // base width of the U-Net (the paper: 32)
classes = arg("classes", "6");     // visual words C (the paper: 45)
k = arg("k", "6");                 // patients per word K (the paper: 200)
criterion = arg("criterion", "foreground"); // word locations: lung (the reference, needs
                                   // lungs wider than the patch), foreground or any
aeepochs = arg("aeepochs", "5");
pretrain = arg("pretrain", "15");  // pre-training epochs
finetune = arg("finetune", "40");  // fine-tuning epochs (both arms)
samples = arg("samples", "64");    // fine-tuning patches per epoch
ce = arg("ce", "1");               // weight of the BCE term next to the Dice loss
device = arg("device", "auto");
seed = arg("seed", "1");

// Every call passes 'overwrite' and the training stages 'fresh', so running the demo again into
// the same dir recomputes and replaces the demo's own earlier results (the phantoms are written
// anew, so nothing of an earlier run is resumed); files TransVW did not write are never replaced
// (docs/bad-input.md).
File.makeDirectory(dir);
t0 = getTime();
function elapsed() {
	return "" + round((getTime() - t0) / 1000) + " s";
}

print("TransVW demo in " + dir);
run("Generate phantom collection", "overwrite output=[" + dir + "/unlabeled] count=" + unlabeled + " size=" + size + " depth=" + depth + " groups=3 noise=20 seed=" + (parseInt(seed) + 100));
run("Generate phantom collection", "overwrite output=[" + dir + "/labeled] count=" + labeled + " size=" + size + " depth=" + depth + " groups=3 lesions noise=20 seed=" + (parseInt(seed) + 200));
run("Generate phantom collection", "overwrite output=[" + dir + "/test] count=" + test + " size=" + size + " depth=" + depth + " groups=3 lesions noise=20 seed=" + (parseInt(seed) + 300));
print("[1/5] phantoms written (" + elapsed() + ")");

run("Self-discovery", "overwrite fresh input=[" + dir + "/unlabeled/images] output=[" + dir + "/visual_words] classes=" + classes + " k=" + k + " kval=-1 validation=0.2 patch=" + patch + " criterion=" + criterion + " normalization=auto grid=" + grid + " width=" + width + " skips epochs=" + aeepochs + " batch=4 patience=50 device=" + device + " seed=" + seed);
print("[2/5] visual words discovered (" + elapsed() + ")");

run("Pre-train TransVW", "overwrite fresh dataset=[" + dir + "/visual_words] output=[" + dir + "/transvw_bundle] mode=transvw flavour=pytorch width=" + width + " batch=8 lr=0.001 schedule=step:40:0.5 epochs=" + pretrain + " patience=50 rec=1 cls=0.01 pretext=1 workers=2 every=0 device=" + device + " threads=0 seed=" + seed);
print("[3/5] TransVW pre-trained (" + elapsed() + ")");

common = "images=[" + dir + "/labeled/images] labels=[" + dir + "/labeled/labels] patch=" + patch + " classes=2 epochs=" + finetune + " batch=4 samples=" + samples + " lr=0.001 patience=" + finetune + " fraction=1 validation=0.34 crossentropy=" + ce + " width=" + width + " seed=" + seed + " device=" + device;
run("Fine-tune (segmentation)", "overwrite fresh bundle=[" + dir + "/transvw_bundle] output=[" + dir + "/seg_transvw] " + common);
run("Fine-tune (segmentation)", "overwrite fresh bundle=[] output=[" + dir + "/seg_scratch] " + common);
print("[4/5] fine-tuned from TransVW and from scratch (" + elapsed() + ")");

arms = newArray("transvw", "scratch");
dice = newArray(2);
images = getFileList(dir + "/test/images");
for (a = 0; a < arms.length; a++) {
	out = dir + "/pred_" + arms[a];
	File.makeDirectory(out);
	for (i = 0; i < images.length; i++) {
		run("Segment volume", "file=[" + dir + "/test/images/" + images[i] + "] bundle=[" + dir + "/seg_" + arms[a] + "] overlap=0.5 budget=8 device=" + device + " overwrite output=[" + out + "]");
		close("*");
	}
	csv = dir + "/dice_" + arms[a] + ".csv";
	run("Evaluate segmentation", "predictions=[" + out + "/labels] labels=[" + dir + "/test/labels] csv=[" + csv + "] overwrite");
	lines = split(File.openAsString(csv), "\n");
	cols = split(lines[lines.length - 1], ",");
	dice[a] = parseFloat(cols[1]);
}
print("[5/5] held-out segmentation evaluated (" + elapsed() + ")");
print("RESULT Dice TransVW = " + d2s(dice[0], 4) + ", Dice from scratch = " + d2s(dice[1], 4) + " (" + images.length + " held-out volumes, pooled)");
