// Renders deploy/kubernetes for `podman kube play` (podman 4.3, Debian 12), which runs Pods,
// Deployments, ConfigMaps and PersistentVolumeClaims but has no StatefulSet, no Service (so no
// cluster DNS) and no Secret object. Each workload becomes one Pod named after the Service that
// selects it (on a podman network a pod's name resolves, as a Service's does in a cluster), its
// volumeClaimTemplates become PersistentVolumeClaims, Secret and ConfigMap references are
// resolved from the objects in the manifests, and the ports named on the command line are
// published on 127.0.0.1 (podman 4.3 would publish every declared port). Everything else (images, commands, environment, probes, resources,
// security contexts, mounts) is passed through unchanged: it is the manifests that run.
//
//   node podman_adapter.js KUSTOMIZATION_DIR OUT_DIR [SERVICE:PORT=HOSTPORT ...]
// writes OUT_DIR/pods.yaml and OUT_DIR/configmaps.yaml (for --configmap).
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");

const [dir, outDir, ...published] = process.argv.slice(2);
const kustomization = yaml.load(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8"));
const docs = kustomization.resources.flatMap((f) =>
  yaml.loadAll(fs.readFileSync(path.join(dir, f), "utf8")).filter(Boolean));
const ofKind = (k) => docs.filter((d) => d.kind === k);
const secrets = new Map(ofKind("Secret").map((s) => [s.metadata.name, s.stringData || {}]));
const matches = (sel, labels) => Object.entries(sel || {}).every(([k, v]) => (labels || {})[k] === v);
const hostPorts = new Map(published.map((p) => {
  const [key, host] = p.split("=");
  return [key, Number(host)];
}));

const out = [];
const seen = new Set();
for (const svc of ofKind("Service")) {
  const workload = [...ofKind("Deployment"), ...ofKind("StatefulSet")].find((w) =>
    matches(svc.spec.selector, w.spec.template.metadata.labels));
  if (!workload || seen.has(workload.metadata.name)) continue;
  seen.add(workload.metadata.name);
  const pod = JSON.parse(JSON.stringify(workload.spec.template.spec));
  for (const claim of workload.spec.volumeClaimTemplates || []) {
    const name = `${claim.metadata.name}-${workload.metadata.name}`;
    out.push({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name }, spec: claim.spec });
    pod.volumes = [...(pod.volumes || []), { name: claim.metadata.name, persistentVolumeClaim: { claimName: name } }];
  }
  for (const c of pod.containers) {
    const env = [];
    for (const from of c.envFrom || []) {
      for (const [name, value] of Object.entries(secrets.get(from.secretRef.name) || {})) env.push({ name, value });
    }
    for (const e of c.env || []) {
      const ref = e.valueFrom && e.valueFrom.secretKeyRef;
      if (ref) env.push({ name: e.name, value: secrets.get(ref.name)[ref.key] });
      else if (e.valueFrom && e.valueFrom.fieldRef && e.valueFrom.fieldRef.fieldPath === "metadata.name")
        env.push({ name: e.name, value: `${svc.metadata.name}-0` }); // the StatefulSet's first ordinal
      else env.push(e);
    }
    delete c.envFrom;
    c.env = env;
    // podman 4.3 publishes every declared containerPort on the host: keep only the ones asked
    // for, on 127.0.0.1 (pods reach each other on the network whatever is declared).
    c.ports = (c.ports || []).flatMap((p) => {
      const host = hostPorts.get(`${svc.metadata.name}:${p.containerPort}`);
      return host ? [{ ...p, hostPort: host, hostIP: "127.0.0.1" }] : [];
    });
  }
  out.push({ apiVersion: "v1", kind: "Pod", metadata: { name: svc.metadata.name, labels: workload.spec.template.metadata.labels }, spec: pod });
}
fs.writeFileSync(path.join(outDir, "pods.yaml"), out.map((d) => yaml.dump(d)).join("---\n"));
fs.writeFileSync(path.join(outDir, "configmaps.yaml"), ofKind("ConfigMap").map((d) => yaml.dump(d)).join("---\n"));
console.log(`${out.filter((d) => d.kind === "Pod").length} pods: ${out.filter((d) => d.kind === "Pod").map((d) => d.metadata.name).join(", ")}`);
