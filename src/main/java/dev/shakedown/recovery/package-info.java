/** Recovery procedures as reusable steps: etcd member replacement, PostgreSQL backup and restore, failure detection. */
package dev.shakedown.recovery;
