/** Test fixtures shared by every module. */
package org.datolite.testkit;
