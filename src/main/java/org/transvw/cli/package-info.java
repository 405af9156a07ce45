/**
 * Headless entry points: the macro runner behind {@code bin/transvw-macro}, the benchmark
 * dispatcher behind {@code bin/transvw-bench}, and small tools. Adapters may print.
 */
package org.transvw.cli;
