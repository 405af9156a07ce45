/**
 * SciJava commands (adapter layer): thin wrappers that validate parameters, call one core stage
 * and return outputs. User errors cancel the module with a reason naming the parameter.
 * <p>
 * May import everything; the core never imports this package.
 */
package org.transvw.command;
