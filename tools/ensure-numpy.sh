#!/usr/bin/env bash
# Makes sure python3 with numpy is on this machine for the reference numpy adapter's tests
# (examples/adapters/numpy_resnet.py, test/subject): prints numpy's version, installing it when it is absent
# (pip for the python3 on PATH, else Debian's python3-numpy as root). Otherwise exits 1 with what to do.
set -euo pipefail
if python3 -c 'import numpy' 2>/dev/null; then python3 -c 'import numpy; print(numpy.__version__)'; exit 0; fi
if command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then
  echo "installing numpy for the numpy adapter's tests" >&2
  python3 -m pip install --quiet numpy >&2 || true
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's python3-numpy for the numpy adapter's tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y python3-numpy >&2 || { apt-get update >&2 && apt-get install -y python3-numpy >&2; }
fi
if python3 -c 'import numpy' 2>/dev/null; then python3 -c 'import numpy; print(numpy.__version__)'; exit 0; fi
echo "python3 with numpy is needed for the numpy adapter's tests: install it (python3 -m pip install numpy, or apt-get install python3-numpy)" >&2
exit 1
