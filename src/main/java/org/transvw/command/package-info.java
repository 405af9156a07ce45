/**
 * Adapter: SciJava commands, one per stage of TransVW (Plugins &gt; TransVW). Each is thin:
 * validate (user errors become {@code cancel(reason)}), build a config record, call the core with
 * a {@code Progress} and a {@code Cancellation} wired to {@code isCanceled()}, assign outputs.
 * Field names are the macro keys (lower case, the first word of the label).
 */
package org.transvw.command;
