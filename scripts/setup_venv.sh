#!/usr/bin/env bash
# Creates .venv from Python 3.10 (Rasa 3.6 supports 3.8-3.10 only) and installs the pinned
# requirements. Re-installs only when requirements.txt or constraints.txt change.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.requirements.sha256"

find_python() {
  local candidates=()
  [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
  candidates+=(python3.10)
  # pyenv installs 3.10 without necessarily putting it on PATH (the shim refuses when the
  # version is not selected), so look in pyenv's own folder too.
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  for p in "$root"/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
    [ -x "$p" ] && candidates+=("$p")
  done
  for c in "${candidates[@]}"; do
    if "$c" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; then
      command -v "$c" 2>/dev/null || echo "$c"
      return 0
    fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
  if ! PY=$(find_python); then
    cat >&2 <<'MSG'
ERROR: Python 3.10 was not found.
Rasa Open Source 3.6 runs on Python 3.8-3.10 only; this project uses 3.10.
Install it (for example `pyenv install 3.10.13`, or your distribution's python3.10 package)
or point to it with `make PYTHON=/path/to/python3.10 ...`.
MSG
    exit 1
  fi
  echo "Creating $VENV with $PY"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

want=$(cat requirements.txt constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  echo "Installing pinned requirements into $VENV (first run takes a few minutes)"
  "$VENV/bin/python" -m pip install --quiet --upgrade "pip==24.0" 2> >(grep -v "^WARNING: Location .file:" >&2)
  # PIP_CONSTRAINT would also constrain pip's build isolation; -c keeps it to this install.
  # (pip.conf on some machines lists local mirrors that may be absent: those warnings are noise.)
  "$VENV/bin/python" -m pip install --quiet -r requirements.txt -c constraints.txt 2> >(grep -v "^WARNING: Location .file:" >&2)
  echo "$want" > "$STAMP"
fi
