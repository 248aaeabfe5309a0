/**
 * SQL script tests with expected rows and plans, differential tests against PostgreSQL and
 * real-client tests live in this module's test sources.
 */
package org.datolite.sqltests;
