/**
 * Headless entry points that ship with the plugin: the macro runner behind
 * {@code bin/transvw-macro} and the sample-data converter behind {@code bin/fetch-sample-data}.
 * The developer-side classes of this package are not in the plugin jar: the benchmarks
 * ({@code Bench} behind {@code bin/transvw-bench}, {@code *Benchmark}) live in
 * {@code src/bench/java} and the update-site generator ({@code UpdateSiteGenerator},
 * {@code SiteDatabase}, {@code UpdaterChecksum}, {@code ShipPolicy}, behind
 * {@code bin/make-update-site}) in {@code src/tools/java}; both compile with the tests.
 * Adapter package: may import everything and print to the console; nothing in the core imports
 * it.
 */
package org.transvw.cli;
