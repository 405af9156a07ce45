/**
 * Headless entry points: the macro runner behind {@code bin/transvw-macro}, the benchmark
 * dispatcher behind {@code bin/transvw-bench}, the update-site generator and small tools.
 * Adapter package: may import everything and print to the console; nothing in the core imports
 * it.
 */
package org.transvw.cli;
