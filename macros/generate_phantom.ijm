// Generates the embedded chest-CT phantom collection (TransVW for Fiji).
// Usage: bin/transvw-macro macros/generate_phantom.ijm /path/to/output-folder
// Writes images/case_NNN.nii.gz (HU), labels/case_NNN.nii.gz (nodule masks) and phantom.csv.
dir = getArgument();
if (dir == "") dir = getDirectory("temp") + "transvw-phantom";
count = 8;
run("Generate phantom collection", "output=[" + dir + "] count=" + count + " size=128 depth=64 groups=4 lesions noise=20 seed=42");
print("phantom: " + count + " cases written to " + dir);
