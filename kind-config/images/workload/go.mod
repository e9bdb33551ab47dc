module shakedown.dev/workload

go 1.22
