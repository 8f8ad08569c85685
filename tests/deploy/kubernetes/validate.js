// Validates Kubernetes manifests offline against the Kubernetes API's own schemas:
//  - kubernetes-models: validators generated from the Kubernetes OpenAPI document (types,
//    formats, required fields, enums) for every kind;
//  - @kubernetes/client-node (the official client, generated from the same document): its model
//    maps name every field of every kind, so an unknown or misspelt field is an error, as with
//    `kubectl apply --validate=strict`;
//  - the checks the API server and the controllers make across fields: a workload's selector
//    matches its pod template's labels, every Service selects a workload, every referenced
//    ConfigMap, Secret and Secret key exists, probes name declared ports.
//
//   node validate.js KUSTOMIZATION_DIR     the resources its kustomization.yaml lists
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");
const client = require("@kubernetes/client-node");

const dir = process.argv[2];
const kustomization = yaml.load(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8"));
const docs = [];
for (const file of kustomization.resources) {
  for (const doc of yaml.loadAll(fs.readFileSync(path.join(dir, file), "utf8"))) {
    if (doc) docs.push({ file, doc });
  }
}
const problems = [];
const where = ({ file, doc }) => `${file}: ${doc.kind}/${doc.metadata && doc.metadata.name}`;

function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  return require(module)[kind];
}

// Fields unknown to the API: walk the object along the official client's model maps.
function unknownFields(value, type, at, out) {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, array[1], `${at}[${i}]`, out));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    for (const [k, v] of Object.entries(value)) unknownFields(v, map[1], `${at}.${k}`, out);
    return;
  }
  const model = client[type];
  if (!model || !model.attributeTypeMap || typeof value !== "object") return;
  const fields = new Map(model.attributeTypeMap.map((a) => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!fields.has(k)) out.push(`${at}.${k}: unknown field (not in ${type})`);
    else unknownFields(v, fields.get(k), `${at}.${k}`, out);
  }
}

for (const item of docs) {
  const { doc } = item;
  if (!doc.apiVersion || !doc.kind || !doc.metadata || !doc.metadata.name) {
    problems.push(`${item.file}: a document without apiVersion, kind or metadata.name`);
    continue;
  }
  let Model;
  try {
    Model = modelOf(doc.apiVersion, doc.kind);
  } catch (e) {
    problems.push(`${where(item)}: ${doc.apiVersion} ${doc.kind} is not a Kubernetes API kind`);
    continue;
  }
  try {
    new Model(doc).validate();
  } catch (e) {
    problems.push(`${where(item)}: ${e.message}`);
  }
  const version = doc.apiVersion.split("/").pop();
  const typeName = version.charAt(0).toUpperCase() + version.slice(1) + doc.kind;
  const out = [];
  unknownFields(doc, typeName, doc.kind, out);
  out.forEach((p) => problems.push(`${where(item)}: ${p}`));
}

// Cross-field checks.
const byKind = (kind) => docs.filter((d) => d.doc.kind === kind);
const workloads = [...byKind("Deployment"), ...byKind("StatefulSet")];
const configMaps = new Set(byKind("ConfigMap").map((d) => d.doc.metadata.name));
const secrets = new Map(byKind("Secret").map((d) => [d.doc.metadata.name,
  new Set([...Object.keys(d.doc.stringData || {}), ...Object.keys(d.doc.data || {})])]));
const services = new Set(byKind("Service").map((d) => d.doc.metadata.name));
const matches = (selector, labels) => Object.entries(selector || {}).every(([k, v]) => (labels || {})[k] === v);
for (const w of workloads) {
  const spec = w.doc.spec;
  const labels = spec.template.metadata && spec.template.metadata.labels;
  if (!matches(spec.selector.matchLabels, labels)) problems.push(`${where(w)}: selector does not match the pod template's labels`);
  if (w.doc.kind === "StatefulSet" && !services.has(spec.serviceName)) problems.push(`${where(w)}: serviceName ${spec.serviceName} is no Service`);
  const pod = spec.template.spec;
  const claims = new Set((spec.volumeClaimTemplates || []).map((c) => c.metadata.name));
  const volumes = new Set([...(pod.volumes || []).map((v) => v.name), ...claims]);
  for (const v of pod.volumes || []) {
    if (v.configMap && !configMaps.has(v.configMap.name)) problems.push(`${where(w)}: ConfigMap ${v.configMap.name} does not exist`);
    if (v.secret && !secrets.has(v.secret.secretName)) problems.push(`${where(w)}: Secret ${v.secret.secretName} does not exist`);
  }
  for (const c of pod.containers) {
    const ports = new Set((c.ports || []).flatMap((p) => [p.name, p.containerPort]));
    for (const m of c.volumeMounts || []) if (!volumes.has(m.name)) problems.push(`${where(w)}: mount ${m.name} names no volume`);
    for (const e of c.envFrom || []) if (e.secretRef && !secrets.has(e.secretRef.name)) problems.push(`${where(w)}: Secret ${e.secretRef.name} does not exist`);
    for (const e of c.env || []) {
      const ref = e.valueFrom && e.valueFrom.secretKeyRef;
      if (ref && !(secrets.get(ref.name) || new Set()).has(ref.key)) problems.push(`${where(w)}: Secret key ${ref.name}/${ref.key} does not exist`);
    }
    for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
      const port = probe && (probe.httpGet || probe.tcpSocket) && (probe.httpGet || probe.tcpSocket).port;
      if (port !== undefined && !ports.has(port)) problems.push(`${where(w)}: a probe uses port ${port}, which the container does not declare`);
    }
  }
}
for (const s of byKind("Service")) {
  if (!workloads.some((w) => matches(s.doc.spec.selector, w.doc.spec.template.metadata.labels))) problems.push(`${where(s)}: selects no workload`);
}
for (const p of byKind("PodDisruptionBudget")) {
  if (!workloads.some((w) => matches(p.doc.spec.selector.matchLabels, w.doc.spec.template.metadata.labels))) problems.push(`${where(p)}: covers no workload`);
}

for (const p of problems) console.log("INVALID", p);
console.log(`${docs.length} objects checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
