/**
 * The PostgreSQL system: a single-primary {@link dev.shakedown.postgres.Postgres} StatefulSet, its JDBC client of
 * checksummed rows ({@link dev.shakedown.postgres.JdbcClient}), and the base backup and restore steps that bring
 * back a corrupted data directory.
 */
package dev.shakedown.postgres;
