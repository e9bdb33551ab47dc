#!/bin/sh
# Starts one member of Shakedown's etcd workload (dev.shakedown.workload.Etcd). The pod's env gives
# POD_NAME, NAMESPACE, SERVICE (the headless Service), DATA_DIR, INITIAL_CLUSTER and CLUSTER_TOKEN.
# /etc/shakedown-etcd/<member>.state says how a member with an EMPTY data dir joins: "new" (initial
# bootstrap) or "existing" (re-added by member replacement after a `member add`). With data on disk
# etcd ignores the initial-cluster flags and restarts as the member it was.
set -eu

state_file="/etc/shakedown-etcd/${POD_NAME}.state"
state=new
if [ -s "$state_file" ]; then
  state="$(cat "$state_file")"
fi
if [ -d "${DATA_DIR}/member" ]; then
  echo "shakedown-etcd: ${POD_NAME} restarts on the data in ${DATA_DIR}"
else
  echo "shakedown-etcd: ${POD_NAME} starts on an empty ${DATA_DIR} with --initial-cluster-state=${state}"
fi

host="${POD_NAME}.${SERVICE}.${NAMESPACE}.svc"
exec etcd \
  --name="${POD_NAME}" \
  --data-dir="${DATA_DIR}" \
  --listen-client-urls=http://0.0.0.0:2379 \
  --listen-peer-urls=http://0.0.0.0:2380 \
  --listen-metrics-urls=http://0.0.0.0:2381 \
  --advertise-client-urls="http://${host}:2379" \
  --initial-advertise-peer-urls="http://${host}:2380" \
  --initial-cluster="${INITIAL_CLUSTER}" \
  --initial-cluster-token="${CLUSTER_TOKEN}" \
  --initial-cluster-state="${state}" \
  --feature-gates=InitialCorruptCheck=true \
  --logger=zap --log-outputs=stderr
