/**
 * Small, UI-free building blocks shared by every stage of TransVW: progress reporting,
 * cooperative cancellation, explicit seeded random streams and argument checks.
 * <p>
 * Core package: imports nothing from {@code ij}, AWT/Swing, SciJava UI/commands or DJL.
 * A class enters here only when a second stage needs it.
 */
package org.transvw.common;
