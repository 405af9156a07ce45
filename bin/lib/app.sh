# Sourced by bin/transvw-*: builds the project when sources changed and assembles a real
# ImageJ 1.x application folder under target/imagej-app (ij.jar, our jar in plugins/, runtime
# dependencies and the CPU natives of the local launcher in jars/).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# TRANSVW_APP: use an already assembled application folder (integration tests) as it is.
app="${TRANSVW_APP:-$root/target/imagej-app}"

# Network: DJL must never call home.
export DJL_OFFLINE=true OPT_OUT_TRACKING=true

# TRANSVW_MALLOC=reuse (opt-in, glibc): one malloc arena, no mmap for large blocks, trimming
# above 1 GiB only, so libtorch's large activations reuse memory instead of faulting in fresh
# zeroed pages at every allocation. Pre-training at base 32 measured ~15 % faster, for ~35 %
# more peak RSS (docs/pretraining.md). Read by glibc at process start: the JVM started here.
if [ "${TRANSVW_MALLOC:-default}" = reuse ]; then
	export MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=1073741824
elif [ "${TRANSVW_MALLOC:-default}" != default ]; then
	echo "[transvw] TRANSVW_MALLOC: expected 'default' or 'reuse', got '$TRANSVW_MALLOC'" >&2
	exit 2
fi

assemble_app() {
	[ -z "${TRANSVW_APP:-}" ] || return 0
	local stamp="$app/.assembled"
	if [ -f "$stamp" ] && [ -z "$(find "$root/src/main" "$root/pom.xml" "$root/plugins.config" -newer "$stamp" -print -quit)" ]; then
		return 0
	fi
	echo "[transvw] building and assembling ImageJ under target/imagej-app ..." >&2
	(cd "$root" && mvn -B -q package -DskipTests -Djacoco.skip=true) >&2
	rm -rf "$app"
	mkdir -p "$app/plugins" "$app/jars"
	(cd "$root" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime \
		-DoutputDirectory="$app/jars" && \
		mvn -B -q dependency:copy-dependencies -DincludeScope=test \
		-DincludeArtifactIds=pytorch-native-cpu -DoutputDirectory="$app/jars") >&2
	mv "$app"/jars/ij-*.jar "$app/ij.jar"
	cp "$(ls "$root"/target/TransVW_Fiji-*.jar | grep -v -e '-sources' -e '-tests' | head -1)" "$app/plugins/"
	touch "$stamp"
}

app_classpath() {
	echo "$app/ij.jar:$app/jars/*:$app/plugins/*"
}

java_opts() {
	echo "-Xms${TRANSVW_XMS:-64m} -Xmx${TRANSVW_XMX:-8g} -Dplugins.dir=$app -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Djava.util.prefs.userRoot=$app/prefs${TRANSVW_THREADS:+ -Dai.djl.pytorch.num_threads=$TRANSVW_THREADS}"
}
