// TransVW for Fiji on real data: brain-mask segmentation of Colin27 T1 MRI variants.
//
//   bin/fetch-sample-data /tmp/samples
//   env -u DISPLAY bin/transvw-macro macros/transvw_brain_demo.ijm "samples=/tmp/samples dir=/tmp/brain-demo"
//
// One labelled subject exists (Colin27 with its brain mask), so every collection is made of
// seeded, physically plausible variants of it ("Generate variants": elastic B-spline + small
// affine deformation, bias field, noise, resampling to 2x2x2 or 2x2x3 mm; the mask goes through
// the same deformation, nearest neighbour). Disjoint seeds give disjoint collections:
//   unlabelled (pre-training)   seed 11, `unlabeled` variants, images only
//   labelled (fine-tuning)      seed 21, `labeled` variants; labels on every slice, on every 4th
//                               or every 8th axial slice (255 = unlabelled elsewhere)
//   held-out test               seed 31, `test` variants, full labels; given to fine-tuning as
//                               testimages/testlabels: never trained on, never used for early stopping
// The head CT is not used: the collection would mix CT and MR, and the product refuses to replay a
// CT recipe on MR (docs/real-data.md).
// Chain: self-discovery (C, K automatic) -> TransVW pre-training -> for each seed and label level,
// fine-tuning from the bundle and from scratch with the same budget -> test Dice per arm, mean,
// sd and a paired t-test over the seeds. docs/real-data.md records a full run.
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
dir = arg("dir", getDirectory("temp") + "transvw-brain-demo");
spacing = arg("spacing", "2");       // mm, every stage works at this spacing
spacings = arg("spacings", "2,2,2;2,2,3"); // the variants' own voxel sizes (resampled to `spacing`)
unlabeled = arg("unlabeled", "12");  // variants for self-discovery and pre-training
labeled = arg("labeled", "4");       // labelled variants for fine-tuning (incl. validation)
test = arg("test", "3");             // held-out labelled variants
patch = arg("patch", "32,32,32");    // visual-word cube and fine-tuning patch (64 mm at 2 mm)
grid = arg("grid", "32,32,32");      // auto-encoder grid of self-discovery
width = arg("width", "8");
aeepochs = arg("aeepochs", "3");
pretrain = arg("pretrain", "10");    // pre-training epochs
finetune = arg("finetune", "8");     // fine-tuning epochs (both arms)
samplesPerEpoch = arg("perepoch", "32");
levels = split(arg("levels", "1,4,8"), ","); // labelled every n-th slice
seeds = parseInt(arg("seeds", "3"));
device = arg("device", "auto");
elastic = "elastic=3 control=40 rotation=5 scale=0.05 shift=5 bias=0.1 noise=3";

File.makeDirectory(dir);
t0 = getTime();
function elapsed() {
	return "" + round((getTime() - t0) / 1000) + " s";
}
ch2 = samples + "/colin27_ch2.nii.gz";
mask = samples + "/colin27_brain_mask.nii.gz";
print("TransVW brain demo in " + dir + " (samples " + samples + ")");
run("Generate variants", "overwrite image=[" + ch2 + "] output=[" + dir + "/unlabeled] count=" + unlabeled + " first=0 spacings=" + spacings + " " + elastic + " labelled=1 seed=11");
for (l = 0; l < levels.length; l++)
	run("Generate variants", "overwrite image=[" + ch2 + "] labelmap=[" + mask + "] output=[" + dir + "/labeled_every" + levels[l] + "] count=" + labeled + " first=0 spacings=" + spacings + " " + elastic + " labelled=" + levels[l] + " seed=21");
run("Generate variants", "overwrite image=[" + ch2 + "] labelmap=[" + mask + "] output=[" + dir + "/test] count=" + test + " first=0 spacings=" + spacings + " " + elastic + " labelled=1 seed=31");
print("[1/4] variants written (" + elapsed() + ")");

run("Self-discovery", "overwrite fresh input=[" + dir + "/unlabeled/images] output=[" + dir + "/visual_words] classes=0 k=0 kval=-1 validation=0.2 patch=" + patch + " criterion=foreground modality=mr normalization=auto spacing=" + spacing + " grid=" + grid + " width=" + width + " skips epochs=" + aeepochs + " batch=4 patience=50 device=" + device + " seed=1");
print("[2/4] visual words discovered (" + elapsed() + ")");
run("Pre-train TransVW", "overwrite fresh dataset=[" + dir + "/visual_words] output=[" + dir + "/transvw_bundle] mode=transvw flavour=pytorch width=" + width + " batch=8 lr=0.001 schedule=step:40:0.5 epochs=" + pretrain + " patience=50 rec=1 cls=0.01 pretext=1 workers=2 every=0 device=" + device + " threads=0 seed=1");
print("[3/4] TransVW pre-trained (" + elapsed() + ")");

function testDice(bundleDir) {
	json = File.openAsString(bundleDir + "/model.json");
	i = indexOf(json, "\"testDice\"");
	if (i < 0) exit("no testDice in " + bundleDir + "/model.json");
	rest = substring(json, indexOf(json, ":", i) + 1);
	end = lengthOf(rest);
	stops = newArray(",", "}", "\n");
	for (s = 0; s < stops.length; s++) {
		j = indexOf(rest, stops[s]);
		if (j >= 0 && j < end) end = j;
	}
	return parseFloat(String.trim(substring(rest, 0, end)));
}

arms = newArray("transvw", "scratch");
table = newArray(levels.length * seeds * 2);
for (l = 0; l < levels.length; l++) {
	for (s = 1; s <= seeds; s++) {
		for (a = 0; a < 2; a++) {
			out = dir + "/seg_" + arms[a] + "_every" + levels[l] + "_seed" + s;
			b = "bundle=[]";
			if (a == 0) b = "bundle=[" + dir + "/transvw_bundle]";
			run("Fine-tune (segmentation)", "overwrite fresh " + b + " output=[" + out + "] images=[" + dir + "/labeled_every" + levels[l] + "/images] labels=[" + dir + "/labeled_every" + levels[l] + "/labels] testimages=[" + dir + "/test/images] testlabels=[" + dir + "/test/labels] patch=" + patch + " classes=2 epochs=" + finetune + " batch=4 samples=" + samplesPerEpoch + " lr=0.001 patience=" + finetune + " fraction=1 validation=0.25 crossentropy=1 width=" + width + " modality=mr normalization=auto spacing=" + spacing + " seed=" + s + " device=" + device);
			table[(l * seeds + s - 1) * 2 + a] = testDice(out);
			print("  every " + levels[l] + " slice(s), seed " + s + ", " + arms[a] + ": test Dice " + d2s(table[(l * seeds + s - 1) * 2 + a], 4) + " (" + elapsed() + ")");
		}
	}
}
print("[4/4] fine-tuned and tested (" + elapsed() + ")");

print("RESULT held-out test Dice (" + test + " variants, pooled), TransVW bundle vs from scratch");
print("labelled  seed  transvw  scratch  difference");
for (l = 0; l < levels.length; l++) {
	n = seeds;
	sum = 0;
	sumT = 0;
	sumS = 0;
	for (s = 0; s < n; s++) {
		t = table[(l * n + s) * 2];
		c = table[(l * n + s) * 2 + 1];
		sumT += t;
		sumS += c;
		sum += t - c;
		print("every" + levels[l] + "    " + (s + 1) + "     " + d2s(t, 4) + "   " + d2s(c, 4) + "   " + d2s(t - c, 4));
	}
	mT = sumT / n;
	mS = sumS / n;
	md = sum / n;
	vT = 0;
	vS = 0;
	vd = 0;
	for (s = 0; s < n; s++) {
		t = table[(l * n + s) * 2];
		c = table[(l * n + s) * 2 + 1];
		vT += (t - mT) * (t - mT);
		vS += (c - mS) * (c - mS);
		vd += (t - c - md) * (t - c - md);
	}
	sdT = sqrt(vT / (n - 1));
	sdS = sqrt(vS / (n - 1));
	sdd = sqrt(vd / (n - 1));
	line = "every" + levels[l] + "  mean  " + d2s(mT, 4) + " (sd " + d2s(sdT, 4) + ")  " + d2s(mS, 4) + " (sd " + d2s(sdS, 4) + ")  " + d2s(md, 4) + " (sd " + d2s(sdd, 4) + ")";
	if (sdd > 0) {
		tstat = md / (sdd / sqrt(n));
		line = line + "  paired t(" + (n - 1) + ") = " + d2s(tstat, 3);
		// two-sided p, exact closed form of Student's t for 2 degrees of freedom
		if (n == 3) line = line + ", p = " + d2s(1 - abs(tstat) / sqrt(tstat * tstat + 2), 3);
	}
	print(line);
}
print("wall time " + elapsed());
