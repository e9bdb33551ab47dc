/**
 * The PostgreSQL system: a single-primary {@link dev.shakedown.postgres.Postgres} StatefulSet, its JDBC writer of
 * checksummed rows, and the base backup and restore steps that bring back a corrupted data directory.
 */
package dev.shakedown.postgres;
