/**
 * Side-by-side benchmarks of FORGE, Flyway, Liquibase and a plain JDBC loop.
 */
package dev.forge.benchmarks;
