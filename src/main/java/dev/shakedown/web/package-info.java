/**
 * The HTTP system: a stateless {@link dev.shakedown.web.HttpService} (Deployment, PDB, NodePort), a StatefulSet
 * key-value store {@link dev.shakedown.web.StatefulKv}, and the {@link dev.shakedown.web.LoadClient} that keeps them
 * busy through a NodePort.
 */
package dev.shakedown.web;
