// TransVW for Fiji in 2D: the whole method on embedded chest radiographs, headless or in Fiji.
//
//   bin/transvw-macro macros/transvw_xray_demo.ijm "dir=/tmp/transvw-xray-demo"
//
// The radiographs are digitally reconstructed (line integrals through the chest-CT phantom, with
// the lung nodules projected to 2D masks; docs/xray-2d.md), so every label is known.
// 1. generate radiograph collections (unlabelled for pre-training, labelled for fine-tuning,
//    held-out for testing)
// 2. self-discover 2D visual words in the unlabelled radiographs
// 3. pre-train the paper's 2D network (a U-Net with a ResNet-18 encoder) by self-classification
//    + self-restoration (TransVW)
// 4. fine-tune nodule segmentation from the TransVW bundle and, as the baseline, from scratch
//    with the same budget
// 5. segment the held-out radiographs and evaluate both arms (pooled Dice)
//
// Every size is a macro argument (key=value, space separated), e.g. the paper's sizes on a GPU:
// "dir=/data/run size=256 patch=224,224 grid=224,224 width=64 unlabeled=1000 classes=100 k=1000
// pretrain=200 finetune=100 device=gpu". network=unet2d selects the light 2D U-Net.
args = getArgument();

function arg(key, default) {
	parts = split(args, " ");
	for (i = 0; i < parts.length; i++) {
		if (startsWith(parts[i], key + "="))
			return substring(parts[i], lengthOf(key) + 1);
	}
	return default;
}

dir = arg("dir", getDirectory("temp") + "transvw-xray-demo");
size = arg("size", "128");          // pixels of each (square) radiograph
unlabeled = arg("unlabeled", "16"); // radiographs for self-discovery and pre-training
labeled = arg("labeled", "8");      // labelled radiographs for fine-tuning (incl. validation)
test = arg("test", "4");            // held-out labelled radiographs
patch = arg("patch", "64,64");      // visual-word patch and fine-tuning patch (the paper: 224,224)
grid = arg("grid", "64,64");        // auto-encoder grid of self-discovery
network = arg("network", "resnet18-unet"); // the paper's 2D network; unet2d is the light one
width = arg("width", "8");          // base width (the paper's ResNet-18: 64)
classes = arg("classes", "6");      // visual words C (the paper: 100)
k = arg("k", "8");                  // radiographs per word K (the paper: 1000)
criterion = arg("criterion", "auto"); // word locations: auto = anywhere in a 2D image
aeepochs = arg("aeepochs", "10");
pretrain = arg("pretrain", "15");   // pre-training epochs
finetune = arg("finetune", "30");   // fine-tuning epochs (both arms)
samples = arg("samples", "64");     // fine-tuning patches per epoch
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

print("TransVW X-ray demo in " + dir);
run("Generate phantom collection", "overwrite kind=xray output=[" + dir + "/unlabeled] count=" + unlabeled + " size=" + size + " groups=4 seed=" + (parseInt(seed) + 100));
run("Generate phantom collection", "overwrite kind=xray output=[" + dir + "/labeled] count=" + labeled + " size=" + size + " groups=4 lesions seed=" + (parseInt(seed) + 200));
run("Generate phantom collection", "overwrite kind=xray output=[" + dir + "/test] count=" + test + " size=" + size + " groups=4 lesions seed=" + (parseInt(seed) + 300));
print("[1/5] radiographs written (" + elapsed() + ")");

run("Self-discovery", "overwrite fresh input=[" + dir + "/unlabeled/images] output=[" + dir + "/visual_words] classes=" + classes + " k=" + k + " kval=-1 validation=0.2 patch=" + patch + " criterion=" + criterion + " normalization=auto grid=" + grid + " width=" + width + " skips epochs=" + aeepochs + " batch=4 patience=50 device=" + device + " seed=" + seed);
print("[2/5] visual words discovered (" + elapsed() + ")");

run("Pre-train TransVW", "overwrite fresh dataset=[" + dir + "/visual_words] output=[" + dir + "/transvw_bundle] network=" + network + " mode=transvw width=" + width + " batch=8 lr=0.001 schedule=step:40:0.5 epochs=" + pretrain + " patience=50 rec=1 cls=0.01 workers=2 every=0 device=" + device + " seed=" + seed);
print("[3/5] TransVW pre-trained (" + elapsed() + ")");

common = "images=[" + dir + "/labeled/images] labels=[" + dir + "/labeled/labels] patch=" + patch + " classes=2 epochs=" + finetune + " batch=4 samples=" + samples + " lr=0.001 patience=" + finetune + " fraction=1 validation=0.25 width=" + width + " seed=" + seed + " device=" + device;
run("Fine-tune (segmentation)", "overwrite fresh bundle=[" + dir + "/transvw_bundle] output=[" + dir + "/seg_transvw] " + common);
run("Fine-tune (segmentation)", "overwrite fresh bundle=[] network=" + network + " output=[" + dir + "/seg_scratch] " + common);
print("[4/5] fine-tuned from TransVW and from scratch (" + elapsed() + ")");

arms = newArray("transvw", "scratch");
dice = newArray(2);
images = getFileList(dir + "/test/images");
for (a = 0; a < arms.length; a++) {
	out = dir + "/pred_" + arms[a];
	File.makeDirectory(out);
	for (i = 0; i < images.length; i++) {
		run("Segment volume", "file=[" + dir + "/test/images/" + images[i] + "] bundle=[" + dir + "/seg_" + arms[a] + "] overlap=0.5 device=" + device + " overwrite output=[" + out + "]");
		close("*");
	}
	csv = dir + "/dice_" + arms[a] + ".csv";
	run("Evaluate segmentation", "predictions=[" + out + "/labels] labels=[" + dir + "/test/labels] csv=[" + csv + "] overwrite");
	lines = split(File.openAsString(csv), "\n");
	cols = split(lines[lines.length - 1], ",");
	dice[a] = parseFloat(cols[1]);
}
print("[5/5] held-out segmentation evaluated (" + elapsed() + ")");
print("RESULT Dice TransVW = " + d2s(dice[0], 4) + ", Dice from scratch = " + d2s(dice[1], 4) + " (" + images.length + " held-out radiographs, pooled)");
