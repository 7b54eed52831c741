"""Runs a check in build/venv (made by tools/setup.sh) when this interpreter lacks its modules.

ctest starts the checks with the system Python as `script.py --venv DIR ARGS...`; enter() drops
the option and, when a module is missing here, re-executes the script with DIR/bin/python.
Without that venv the script goes on, and its own import check skips it (exit 77) saying why.
"""

import importlib.util
import os
import sys


def enter(argv, modules):
    """argv without `--venv DIR`, after re-executing in DIR's interpreter if that is needed."""
    args = list(argv[1:])
    venv = None
    if len(args) >= 2 and args[0] == "--venv":
        venv = args[1]
        args = args[2:]
    if venv and any(importlib.util.find_spec(m) is None for m in modules):
        python = os.path.join(venv, "bin", "python")
        if os.access(python, os.X_OK):
            os.execv(python, [python, os.path.abspath(argv[0]), *args])
        print(f"{os.path.basename(argv[0])}: no {python}: tools/setup.sh creates it")
    return args
