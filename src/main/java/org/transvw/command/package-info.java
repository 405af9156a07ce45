/**
 * SciJava commands, one per stage of the method (Fiji menu {@code Plugins > TransVW}): thin
 * adapters that validate parameters, call the core and publish outputs through
 * {@code ItemIO.OUTPUT}. May import everything; nothing imports this package.
 */
package org.transvw.command;
