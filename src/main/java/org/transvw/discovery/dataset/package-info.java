/**
 * The visual-word dataset on disk: the output of self-discovery and the input of pre-training
 * (paper section III-A; method.md §§2.5-2.7, redesigned storage).
 * <p>
 * <b>Format</b> (version 1), one folder:
 * <ul>
 * <li>{@code manifest.json}: format name and version, cube size, number of classes C, K, the
 * intensity normalisation, seed, collection fingerprint, patient names, free-form parameters,
 * the committed shards (record counts per split plus per-shard metadata) and {@code complete}.
 * It is the single source of truth: files it does not list are leftovers of an interrupted run.
 * </li>
 * <li>{@code shard-NNNNN.train.f32} and {@code shard-NNNNN.validation.f32}: fixed-size records of
 * {@code prod(cubeSize)} float32 values, <b>little endian</b>, no header; record {@code i}
 * starts at byte {@code i * 4 * prod(cubeSize)}. Inside a record the values are in tensor order:
 * the <b>last axis varies fastest</b> ((x, y, z) cube: z fastest, then y, then x), exactly the
 * layout of {@code org.transvw.engine.Tensors} and of the reference's numpy arrays. The files
 * can be memory-mapped (numpy: {@code np.memmap(f, '<f4').reshape(-1, X, Y, Z)}).</li>
 * <li>{@code shard-NNNNN.index.csv}: one line per record, train records first, then validation
 * records, in file order: {@code split,label,patient,x,y,z,scale,resolution}.</li>
 * </ul>
 * Writing is crash-safe: a shard is written to {@code *.tmp} files that are synced and renamed
 * when the shard is committed, and then the manifest is replaced atomically. Resuming discards
 * whatever the manifest does not list.
 * <p>
 * Core package: ImgLib2, gson and {@code org.transvw.common|data}; no UI, no DJL.
 */
package org.transvw.discovery.dataset;
