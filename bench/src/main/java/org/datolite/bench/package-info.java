/** Benchmarks. */
package org.datolite.bench;
