#!/usr/bin/env python3
"""Checks deploy/Dockerfile without a container engine.

Lays out the final image's files in a temporary directory the way the Dockerfile would: the
build stage is the source tree at its WORKDIR plus what its `cmake --install` step installs (run
for real, from the configured build tree, so the project's install() rules decide), and the
final stage holds what its COPY lines take from the build stage. Then checks that every
absolute path of the default ENTRYPOINT/CMD exists there, that every file the default config
names (models, samples; relative paths against the config's directory) exists there, that the
model paths of the Kubernetes ConfigMap's config exist there, and finally runs the default
command on that tree.

Usage: dockerfile_check.py SOURCE_DIR BUILD_DIR
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def instructions(path):
    """(KEYWORD, argument text) per instruction, continuation lines joined."""
    out, pending = [], ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.lstrip().startswith("#"):  # a comment inside a continued instruction
                continue
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            text = (pending + line).strip()
            pending = ""
            keyword, _, rest = text.partition(" ")
            out.append((keyword.upper(), rest.strip()))
    return out


def exec_form(arg):
    """CMD/ENTRYPOINT arguments: JSON exec form, or shell form split like sh would."""
    return json.loads(arg) if arg.startswith("[") else shlex.split(arg)


def config_paths(path):
    """models.ner, models.gazetteer, embedded.samples of a newsflowd YAML file (plain scalars)."""
    wanted = {("models", "ner"), ("models", "gazetteer"), ("embedded", "samples")}
    found, section = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split(" #")[0].rstrip()
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.match(r"^(\w+):\s*$", line)
            if m:
                section = m.group(1)
                continue
            m = re.match(r"^\s+(\w+):\s*(\S.*)$", line)
            if m and (section, m.group(1)) in wanted:
                found[section + "." + m.group(1)] = m.group(2).strip("\"'")
    return found


def main(source_dir, build_dir):
    dockerfile = os.path.join(source_dir, "deploy", "Dockerfile")
    # The image's build stage runs tools/setup.sh, which builds the gazetteer from downloaded
    # data; a tree without it cannot show what the image holds.
    if not os.path.isfile(os.path.join(source_dir, "build", "gazetteer", "newsflow-gazetteer.bin")):
        print("dockerfile_check: skipped, build/gazetteer/newsflow-gazetteer.bin not built "
              "(tools/setup.sh builds it)")
        return 77
    stages, current = {}, None
    for keyword, arg in instructions(dockerfile):
        if keyword == "FROM":
            parts = arg.split()
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else str(len(stages))
            current = {"name": name, "workdir": "/", "steps": []}
            stages[name] = current
        elif current is not None:
            if keyword == "WORKDIR":
                current["workdir"] = os.path.join(current["workdir"], arg)
            current["steps"].append((keyword, arg))
    final = current
    tmp = tempfile.mkdtemp(prefix="newsflow-dockerfile-")
    try:
        build_root = os.path.join(tmp, "build-stage")
        image_root = os.path.join(tmp, "image")
        os.makedirs(image_root)

        # Where a build-stage path is on this machine: the installed tree, else the source tree
        # copied to WORKDIR by `COPY . .` (the build directory inside it is this build tree).
        build_stage = next((s for s in stages.values() if s is not final), None)
        src_root = None
        if build_stage:
            for keyword, arg in build_stage["steps"]:
                if keyword == "COPY" and arg.split() == [".", "."]:
                    src_root = build_stage["workdir"]
                if keyword == "RUN" and "cmake --install" in arg:
                    destdir = re.search(r"DESTDIR=(\S+)", arg)
                    destdir = destdir.group(1) if destdir else ""
                    prefix = re.search(r"cmake --install \S+.*?--prefix\s+(\S+)", arg)
                    prefix = prefix.group(1) if prefix else "/usr/local"
                    env = dict(os.environ, DESTDIR=os.path.join(build_root, destdir.lstrip("/")))
                    run = subprocess.run(["cmake", "--install", build_dir, "--prefix", prefix],
                                         env=env, capture_output=True, text=True)
                    if run.returncode != 0:
                        fail("cmake --install failed:\n" + run.stdout + run.stderr)

        def build_stage_path(p):
            staged = os.path.join(build_root, p.lstrip("/"))
            if os.path.exists(staged):
                return staged
            if src_root and (p + "/").startswith(src_root.rstrip("/") + "/"):
                rel = os.path.relpath(p, src_root)
                if rel == "build/release" or rel.startswith("build/release/"):
                    return os.path.join(build_dir, os.path.relpath(rel, "build/release"))
                return os.path.join(source_dir, rel)
            return None

        entrypoint, cmd = [], []
        for keyword, arg in final["steps"]:
            if keyword == "COPY":
                parts = arg.split()
                from_stage = None
                if parts[0].startswith("--from="):
                    from_stage = parts.pop(0)[len("--from="):]
                *sources, dest = parts
                for s in sources:
                    here = build_stage_path(s) if from_stage else os.path.join(source_dir, s)
                    if here is None or not os.path.exists(here):
                        fail(f"COPY {s}: not produced by the build stage (COPY or install step)")
                        continue
                    target = os.path.join(image_root, dest.lstrip("/"))
                    if os.path.isdir(here):
                        shutil.copytree(here, target, dirs_exist_ok=True)
                    else:
                        if dest.endswith("/"):
                            target = os.path.join(target, os.path.basename(s))
                        os.makedirs(os.path.dirname(target), exist_ok=True)
                        shutil.copy2(here, target)
            elif keyword == "ENTRYPOINT":
                entrypoint = exec_form(arg)
            elif keyword == "CMD":
                cmd = exec_form(arg)

        def in_image(p):
            return os.path.join(image_root, p.lstrip("/"))

        command = entrypoint + cmd
        if not command:
            fail("no ENTRYPOINT/CMD")
        for arg in command:
            if arg.startswith("/") and not os.path.exists(in_image(arg)):
                fail(f"default command names {arg}, which is not in the image")
        configs = [command[i + 1] for i, a in enumerate(command[:-1]) if a == "--config"]
        for config in configs:
            if not os.path.isfile(in_image(config)):
                continue  # reported above
            for key, value in config_paths(in_image(config)).items():
                path = value if value.startswith("/") else os.path.join(os.path.dirname(config), value)
                if not os.path.isfile(in_image(os.path.normpath(path))):
                    fail(f"{config}: {key}: {path} is not in the image")

        manifest = os.path.join(source_dir, "deploy", "kubernetes", "configmap.yaml")
        found = re.findall(r"^\s+(ner|gazetteer|samples):\s*(/\S+)", open(manifest).read(), re.M)
        if not found:
            fail("deploy/kubernetes/configmap.yaml: no model paths found")
        for key, path in found:
            if not os.path.isfile(in_image(path)):
                fail(f"deploy/kubernetes/configmap.yaml: {key}: {path} is not in the image")

        # The default command itself, with the image's absolute paths mapped into the tree.
        if not failures and command:
            argv = [in_image(a) if a.startswith("/") else a for a in command]
            run = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
            # normalize: 0 all lines normalized, 2 some rejected (a sample is bad on purpose).
            if run.returncode not in (0, 2) or not run.stdout:
                fail(f"default command exited {run.returncode}:\n{run.stderr[-2000:]}")
            else:
                print(run.stdout.split("\n\n")[0])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        return 1
    print("dockerfile_check: default command, its config and the ConfigMap's models are in the image")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
