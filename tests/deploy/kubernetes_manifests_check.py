#!/usr/bin/env python3
"""Checks deploy/kubernetes without a cluster.

- kustomization.yaml lists exactly the manifests in the directory;
- every object validates (strict: no unknown fields) against the Kubernetes schemas of
  kubernetes-validate; kinds without a schema there (KEDA's ScaledObject) must be known CRDs and
  get checks of the fields relied on below;
- the ConfigMap's newsflowd.yaml passes `newsflowd check-config` with the environment the
  StatefulSet gives it (inside an empty network namespace where possible: check-config must not
  need a broker). Its model paths are image paths, checked by dockerfile_check; here they are
  replaced by this tree's models/ner-en.bin and build/gazetteer/, or left out when those are absent;
- ops.http_listen listens beyond loopback, and the container port, the probes (/healthz,
  /readyz), the Service and its scrape annotation use its port;
- the transactional.id comes from the pod name, pipeline.workers from the CPU limit, the memory
  limit leaves room over the measured peak RSS, requests equal limits, the grace period covers
  kafka.shutdown_timeout_ms;
- the hardening fields are set; the Service, PDB and ScaledObject select or name the StatefulSet.

Usage: kubernetes_manifests_check.py [--venv build/venv] SOURCE_DIR NEWSFLOWD
Exit 77 (skipped) when kubernetes-validate is not importable: tools/setup.sh installs it into
build/venv.
"""

import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deploy_venv  # noqa: E402

K8S_VERSION = "1.37.0"
# Kinds validated by hand below, not by a schema.
CRDS = {("keda.sh/v1alpha1", "ScaledObject")}
PEAK_RSS_MIB = 112  # measured: a flood of maximal 950 kB messages, default batch limits
MEMORY_HEADROOM = 1.5  # the limit must be at least this many times the peak
INPUT_PARTITIONS = 6  # of news.raw, as documented in keda-scaledobject.yaml and deploy/README.md
LOOPBACK = re.compile(r"^(127\.|localhost$|\[?::1\]?$)")

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def quantity(value):
    """A Kubernetes quantity (cpu or memory) as a float: 500m, 2, 256Mi, 1G."""
    m = re.fullmatch(r"([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?", str(value))
    if not m:
        raise ValueError(f"not a quantity: {value}")
    factor = {None: 1, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
              "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}[m.group(2)]
    return float(m.group(1)) * factor


def subset(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def main(source_dir, newsflowd):
    source_dir = os.path.abspath(source_dir)
    try:
        import yaml
        import kubernetes_validate
        from kubernetes_validate.utils import SchemaNotFoundError
    except ImportError as e:
        print(f"kubernetes_manifests_check: skipped, {sys.executable} cannot import {e.name} "
              "(tools/setup.sh installs kubernetes-validate into build/venv)")
        return 77

    d = os.path.join(source_dir, "deploy", "kubernetes")
    files = sorted(f for f in os.listdir(d) if f.endswith((".yaml", ".yml")))
    with open(os.path.join(d, "kustomization.yaml"), encoding="utf-8") as f:
        kustomization = yaml.safe_load(f)
    listed = kustomization.get("resources") or []
    for name in sorted(set(files) - set(listed) - {"kustomization.yaml"}):
        fail(f"kustomization.yaml does not list {name}")
    for name in listed:
        if name not in files:
            fail(f"kustomization.yaml lists {name}, which is not in deploy/kubernetes")
    if len(set(listed)) != len(listed):
        fail("kustomization.yaml lists a file twice")

    objects = {}  # (kind, name) -> object
    for name in listed:
        if name not in files:
            continue
        with open(os.path.join(d, name), encoding="utf-8") as f:
            try:
                docs = [doc for doc in yaml.safe_load_all(f) if doc is not None]
            except yaml.YAMLError as e:
                fail(f"{name}: {e}")
                continue
        for doc in docs:
            kind, api = doc.get("kind"), doc.get("apiVersion")
            obj_name = (doc.get("metadata") or {}).get("name")
            try:
                kubernetes_validate.validate(doc, K8S_VERSION, strict=True)
                print(f"{name}: {kind} {obj_name}: valid ({K8S_VERSION} schema, strict)")
            except SchemaNotFoundError:
                if (api, kind) not in CRDS:
                    fail(f"{name}: no schema for {api} {kind}, and no checks of it here")
                else:
                    print(f"{name}: {kind} {obj_name}: no schema, checked field by field")
            except kubernetes_validate.ValidationError as e:
                path = ".".join(str(p) for p in e.path)
                fail(f"{name}: {kind} {obj_name}: {path}: {e.message}")
            if (kind, obj_name) in objects:
                fail(f"{name}: {kind} {obj_name} defined twice")
            objects[(kind, obj_name)] = doc

    def one(kind):
        found = [o for (k, _), o in objects.items() if k == kind]
        if len(found) != 1:
            fail(f"want one {kind}, found {len(found)}")
            return None
        return found[0]

    sts, cm, pdb, so = (one(k) for k in ("StatefulSet", "ConfigMap", "PodDisruptionBudget",
                                        "ScaledObject"))
    services = [o for (k, _), o in objects.items() if k == "Service"]
    if failures or not (sts and cm and pdb and so and services):
        return 1

    # The config, as the StatefulSet mounts it.
    pod = sts["spec"]["template"]
    pod_labels = pod["metadata"].get("labels") or {}
    pod_spec = pod["spec"]
    containers = pod_spec["containers"]
    c = next((c for c in containers if c["name"] == "newsflowd"), containers[0])
    args = c.get("args", [])
    config_path = args[args.index("--config") + 1] if "--config" in args else None
    if not config_path:
        fail("the container's args have no --config")
        return 1
    mount = next((m for m in c.get("volumeMounts", [])
                  if m["mountPath"].rstrip("/") == os.path.dirname(config_path)), None)
    volume = next((v for v in pod_spec.get("volumes", [])
                   if mount and v["name"] == mount["name"]), {})
    key = os.path.basename(config_path)
    if (volume.get("configMap") or {}).get("name") != cm["metadata"]["name"] or key not in cm["data"]:
        fail(f"--config {config_path} is not the ConfigMap's {key} mounted by a volume")
        return 1
    config_text = cm["data"][key]
    config = yaml.safe_load(config_text)
    kafka = config.get("kafka") or {}

    listen = str((config.get("ops") or {}).get("http_listen", "127.0.0.1:9464"))
    host, _, port = listen.rpartition(":")
    port = int(port)
    if LOOPBACK.match(host):
        fail(f"ops.http_listen {listen}: loopback; the kubelet's probes and Prometheus come from outside the pod")

    ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
    if port not in ports.values():
        fail(f"no containerPort {port} (ops.http_listen {listen}); ports: {ports}")
    if ports.get("metrics") != port:
        fail(f"the container port named metrics is {ports.get('metrics')}, not {port}")

    def resolve(p):
        return ports.get(p) if isinstance(p, str) else p

    for probe, paths in (("livenessProbe", ["/healthz"]), ("readinessProbe", ["/readyz"]),
                         ("startupProbe", ["/healthz", "/readyz"])):
        get = (c.get(probe) or {}).get("httpGet")
        if not get:
            if probe != "startupProbe":
                fail(f"no {probe} with httpGet")
            continue
        if get.get("path") not in paths:
            fail(f"{probe}: path {get.get('path')}, want {' or '.join(paths)}")
        if resolve(get.get("port")) != port:
            fail(f"{probe}: port {get.get('port')} is not ops.http_listen's {port}")

    # Per-pod settings from the environment.
    env = {e["name"]: e for e in c.get("env", [])}
    tid = env.get("NEWSFLOW_KAFKA__TRANSACTIONAL_ID", {})
    if ((tid.get("valueFrom") or {}).get("fieldRef") or {}).get("fieldPath") != "metadata.name":
        fail("NEWSFLOW_KAFKA__TRANSACTIONAL_ID does not come from the pod name (metadata.name)")
    limits = (c.get("resources") or {}).get("limits") or {}
    requests = (c.get("resources") or {}).get("requests") or {}
    if "cpu" not in limits or "memory" not in limits:
        fail(f"resources.limits needs cpu and memory: {limits}")
        return 1
    cpus = math.ceil(quantity(limits["cpu"]))
    workers_env = env.get("NEWSFLOW_PIPELINE__WORKERS", {})
    ref = (workers_env.get("valueFrom") or {}).get("resourceFieldRef") or {}
    if ref:
        if ref.get("resource") != "limits.cpu" or quantity(ref.get("divisor", "1")) != 1 or \
                ref.get("containerName", c["name"]) != c["name"]:
            fail(f"NEWSFLOW_PIPELINE__WORKERS: {ref}, want this container's limits.cpu, divisor 1")
        workers = cpus
    else:
        workers = int(workers_env.get("value", (config.get("pipeline") or {}).get("workers", 0)))
    if workers != cpus:
        fail(f"pipeline.workers is {workers}, the CPU limit {limits['cpu']} (~1 core per worker)")
    memory_mib = quantity(limits["memory"]) / 2**20
    if memory_mib < PEAK_RSS_MIB * MEMORY_HEADROOM:
        fail(f"memory limit {limits['memory']} is under {MEMORY_HEADROOM}x the measured peak "
             f"RSS of {PEAK_RSS_MIB} MiB")
    # Requests = limits (Guaranteed QoS), as statefulset.yaml says why.
    for r in ("cpu", "memory"):
        if r not in requests or quantity(requests[r]) != quantity(limits[r]):
            fail(f"requests.{r} {requests.get(r)} differs from limits.{r} {limits[r]}")
    grace = pod_spec.get("terminationGracePeriodSeconds", 30)
    shutdown_s = int(kafka.get("shutdown_timeout_ms", 25000)) / 1000
    if grace <= shutdown_s:
        fail(f"terminationGracePeriodSeconds {grace} is not above kafka.shutdown_timeout_ms ({shutdown_s} s)")

    # Hardening.
    psc, csc = pod_spec.get("securityContext") or {}, c.get("securityContext") or {}
    if not (csc.get("runAsNonRoot", psc.get("runAsNonRoot"))):
        fail("runAsNonRoot is not set")
    if (csc.get("seccompProfile") or psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        fail("seccompProfile is not RuntimeDefault")
    if csc.get("readOnlyRootFilesystem") is not True:
        fail("readOnlyRootFilesystem is not true")
    if csc.get("allowPrivilegeEscalation") is not False:
        fail("allowPrivilegeEscalation is not false")
    if (csc.get("capabilities") or {}).get("drop") != ["ALL"]:
        fail("capabilities.drop is not [ALL]")

    # Selection: the StatefulSet's own selector, its governing Service, the metrics port, the PDB.
    if not subset(sts["spec"]["selector"].get("matchLabels"), pod_labels):
        fail("the StatefulSet's selector does not match its pod labels")
    if "replicas" in sts["spec"]:
        fail("the StatefulSet sets replicas, which `kubectl apply` would reset under KEDA")
    governing = next((s for s in services if s["metadata"]["name"] == sts["spec"].get("serviceName")), None)
    if not governing or governing["spec"].get("clusterIP") != "None":
        fail(f"serviceName {sts['spec'].get('serviceName')} is not a headless Service here")
    scraped = False
    for s in services:
        name = s["metadata"]["name"]
        if not subset(s["spec"].get("selector"), pod_labels):
            fail(f"Service {name}: selector does not match the pods")
        for p in s["spec"].get("ports", []):
            if resolve(p.get("targetPort", p["port"])) != port:
                fail(f"Service {name}: port {p.get('name')} targets {p.get('targetPort')}, not {port}")
        notes = s["metadata"].get("annotations") or {}
        if notes.get("prometheus.io/scrape") == "true":
            scraped = True
            if notes.get("prometheus.io/port") != str(port) or notes.get("prometheus.io/path", "/metrics") != "/metrics":
                fail(f"Service {name}: scrape annotations do not point at {port}/metrics")
    if not scraped:
        fail("no Service carries prometheus.io/scrape: \"true\"")
    if not subset(((pdb["spec"].get("selector") or {}).get("matchLabels")), pod_labels):
        fail("the PodDisruptionBudget's selector does not match the pods")
    if pdb["spec"].get("maxUnavailable") != 1:
        fail(f"PodDisruptionBudget maxUnavailable is {pdb['spec'].get('maxUnavailable')}, want 1")

    # KEDA.
    spec = so.get("spec") or {}
    target = spec.get("scaleTargetRef") or {}
    if (target.get("apiVersion"), target.get("kind"), target.get("name")) != \
            ("apps/v1", "StatefulSet", sts["metadata"]["name"]):
        fail(f"ScaledObject scaleTargetRef {target} is not StatefulSet {sts['metadata']['name']}")
    lo, hi = spec.get("minReplicaCount", 0), spec.get("maxReplicaCount")
    if not isinstance(hi, int) or not isinstance(lo, int) or not 1 <= lo <= hi:
        fail(f"ScaledObject replicas: min {lo}, max {hi}")
    elif hi != INPUT_PARTITIONS:
        fail(f"ScaledObject maxReplicaCount {hi}, the documented partition count is {INPUT_PARTITIONS}")
    triggers = spec.get("triggers") or []
    if not triggers:
        fail("ScaledObject has no triggers")
    topics = [t["name"] for t in kafka.get("input_topics") or [{"name": "news.raw"}]]
    for t in triggers:
        meta = t.get("metadata") or {}
        if t.get("type") == "kafka":
            want = {"consumerGroup": kafka.get("group_id", "newsflowd"),
                    "bootstrapServers": kafka.get("brokers")}
            for k, v in want.items():
                if meta.get(k) != v:
                    fail(f"ScaledObject kafka trigger: {k} {meta.get(k)}, the config has {v}")
            if meta.get("topic") not in topics:
                fail(f"ScaledObject kafka trigger: topic {meta.get('topic')} is not an input topic {topics}")
            if not str(meta.get("lagThreshold", "")).isdigit() or int(meta["lagThreshold"]) <= 0:
                fail(f"ScaledObject kafka trigger: lagThreshold {meta.get('lagThreshold')}")
        elif t.get("type") == "prometheus":
            if "newsflow_consumer_lag_messages" not in str(meta.get("query")):
                fail(f"ScaledObject prometheus trigger: query {meta.get('query')} is not on the lag")
        else:
            fail(f"ScaledObject trigger type {t.get('type')}: not checked here")

    # The config itself, as a pod would load it (its replica 0).
    run_env = dict(os.environ)
    for name, e in env.items():
        if "value" in e:
            run_env[name] = e["value"]
    run_env["NEWSFLOW_KAFKA__TRANSACTIONAL_ID"] = sts["metadata"]["name"] + "-0"
    run_env["NEWSFLOW_PIPELINE__WORKERS"] = str(workers)
    local = {"ner": os.path.join(source_dir, "models", "ner-en.bin"),
             "gazetteer": os.path.join(source_dir, "build", "gazetteer", "newsflow-gazetteer.bin")}
    for model, path in local.items():
        if (config.get("models") or {}).get(model):
            run_env[f"NEWSFLOW_MODELS__{model.upper()}"] = path if os.path.isfile(path) else ""
            print(f"check-config: models.{model} = {path if os.path.isfile(path) else '(none: not built)'}")
    with tempfile.TemporaryDirectory(prefix="newsflow-k8s-") as tmp:
        path = os.path.join(tmp, key)
        with open(path, "w", encoding="utf-8") as f:
            f.write(config_text)
        argv = [newsflowd, "check-config", "--config", path]
        isolated = shutil.which("unshare") and subprocess.run(
            ["unshare", "-n", "true"], capture_output=True).returncode == 0
        if isolated:
            argv = ["unshare", "-n"] + argv
        run = subprocess.run(argv, env=run_env, capture_output=True, text=True, timeout=60,
                             stdin=subprocess.DEVNULL)
        where = "in an empty network namespace" if isolated else "(unshare -n not permitted here)"
        print(f"newsflowd check-config {where}: exit {run.returncode}")
        if run.returncode != 0 or "OK" not in run.stdout:
            fail(f"check-config of the ConfigMap's {key} exited {run.returncode}:\n{run.stdout}{run.stderr}")
        elif f"transactional.id {run_env['NEWSFLOW_KAFKA__TRANSACTIONAL_ID']}" not in run.stdout:
            fail(f"check-config did not take the pod's transactional.id:\n{run.stdout}")

    # The overlay as kubectl builds it, where kubectl is at hand (not needed otherwise).
    if shutil.which("kubectl"):
        run = subprocess.run(["kubectl", "kustomize", d], capture_output=True, text=True, timeout=60)
        built = [o for o in yaml.safe_load_all(run.stdout)] if run.returncode == 0 else []
        if run.returncode != 0 or len(built) != len(objects):
            fail(f"kubectl kustomize: exit {run.returncode}, {len(built)} objects of {len(objects)}:\n{run.stderr}")
        else:
            print(f"kubectl kustomize: {len(built)} objects")

    if failures:
        return 1
    print(f"kubernetes_manifests_check: {len(objects)} objects in {len(listed)} files valid and consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main(*deploy_venv.enter(sys.argv, ["yaml", "kubernetes_validate"])[:2]))
