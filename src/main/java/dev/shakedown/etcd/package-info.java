/**
 * The etcd system: a 3-member {@link dev.shakedown.etcd.Etcd} StatefulSet from the pure manifest record
 * {@link dev.shakedown.etcd.EtcdManifests}, its jetcd {@link dev.shakedown.etcd.EtcdClient}, member status and
 * leader watch, and the recovery steps for a failed member (remove, wipe, re-add).
 */
package dev.shakedown.etcd;
