#!/usr/bin/env bash
# deploy/kubernetes against the Kubernetes API's schemas, offline (no cluster): every object's
# kind, field names, types and required fields, and the references between objects
# (tests/deploy/kubernetes/validate.js); kustomize builds the set (`kubectl kustomize`) when
# kubectl is installed.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
tools=$VIDDHANA_ROOT/tests/deploy/kubernetes
"$tools/install-node-modules" || fail "npm ci in tests/deploy/kubernetes"
node "$tools/validate.js" "$VIDDHANA_ROOT/deploy/kubernetes" || fail "schema validation"
if command -v kubectl >/dev/null; then
  kubectl kustomize "$VIDDHANA_ROOT/deploy/kubernetes" >"$scratch/rendered.yaml" || fail "kubectl kustomize"
  [ "$(grep -c '^kind:' "$scratch/rendered.yaml")" -ge 20 ] || fail "kustomize rendered too few objects"
  grep -q '^  namespace: viddhana$' "$scratch/rendered.yaml" || fail "kustomize did not set the namespace"
fi
note "kubernetes schema: all checks passed"
