/**
 * Headless entry points (benchmarks, batch runs, the update-site generator). Adapter package: may
 * import everything and print to the console; nothing in the core imports it.
 */
package org.transvw.cli;
