/** The peer library and its public API. */
package org.datolite;
