#!/usr/bin/env bash
# What the Makefile needs from the machine, checked before anything is installed, so a new editor is
# told what is missing and how to get it instead of meeting pip's or apt-get's error.
#
#   tools/setup.sh python PYTHON VENV FLOOR
#       The Python that makes (or made) VENV is FLOOR or newer and can make a venv.
#   tools/setup.sh need [--optional WITHOUT] COMMAND:PACKAGE:WHAT ...
#       Each COMMAND is on the PATH. What is missing is installed with Debian's apt-get when we are
#       root, and otherwise named with the command to install it: an error (exit 1), or with
#       --optional a one-line notice saying what is built WITHOUT it (exit 3, which the caller reads).
# SETUP_AS_ROOT=1 or empty says whether we are root (the tests' way to be someone else); by default, id -u.
set -uo pipefail

say() { printf '%s\n' "$*" >&2; }

python_check() {
  local python=$1 venv=$2 floor=$3 version
  if [ -x "$venv/bin/python" ]; then
    version=$("$venv/bin/python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null) || version=unknown
    if ! "$venv/bin/python" -c "import sys; sys.exit(sys.version_info[:3] < tuple(map(int, '$floor'.split('.'))))" 2>/dev/null; then
      say "$venv was made with Python $version, but the pinned packages need Python $floor or newer."
      say "Delete it (rm -rf $venv) and run make again with a newer Python, e.g. make PYTHON=python3.12 build."
      return 1
    fi
    return 0
  fi
  if ! command -v "$python" >/dev/null 2>&1; then
    say "$python was not found: the site needs Python $floor or newer."
    say "Install it (https://www.python.org/downloads/, or your system's packages), then run make again;"
    say "to use a Python of another name, say so: make PYTHON=python3.12 build."
    return 1
  fi
  version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
  if ! "$python" -c "import sys; sys.exit(sys.version_info[:3] < tuple(map(int, '$floor'.split('.'))))"; then
    say "$python is Python $version, but the pinned packages need Python $floor or newer"
    say "(pymdown-extensions, which renders the pages, requires it; Debian 12's python3 is 3.11.2)."
    say "Install a newer Python beside it (python3.12 or 3.13 from your system's packages, pyenv, uv, or"
    say "https://www.python.org/downloads/), then run make again with it: make PYTHON=python3.12 build"
    return 1
  fi
  if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    say "$python (Python $version) cannot make a virtual environment: its venv module is missing."
    say "On Debian or Ubuntu install it: sudo apt-get install python3-venv (or python${version%.*}-venv); then run make again."
    return 1
  fi
}

need() {
  local optional="" without="" missing=() packages=() what=() spec cmd package why
  if [ "${1:-}" = --optional ]; then
    optional=1 without=$2
    shift 2
  fi
  for spec in "$@"; do
    IFS=: read -r cmd package why <<<"$spec"
    if ! command -v "$cmd" >/dev/null 2>&1; then
      missing+=("$cmd") packages+=("$package") what+=("$cmd ($why)")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local list
  list=$(IFS=,; echo "${what[*]}" | sed 's/,/, /g')
  local root=${SETUP_AS_ROOT-$([ "$(id -u)" = 0 ] && echo 1)}
  if [ -n "$root" ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's ${packages[*]} for: $list"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null && return 0
    say "apt-get could not install ${packages[*]}: install them yourself, then run make again."
    return 1
  fi
  if [ -n "$optional" ]; then
    say "Missing $list, so this builds $without. To include it, install ${packages[*]} (on Debian or Ubuntu: sudo apt-get install ${packages[*]}) and run make again."
    return 3
  fi
  say "Missing $list."
  say "Install ${packages[*]} (on Debian or Ubuntu: sudo apt-get install ${packages[*]}), then run make again."
  return 1
}

case "${1:-}" in
  python) shift; python_check "$@" ;;
  need) shift; need "$@" ;;
  *) say "usage: tools/setup.sh python PYTHON VENV FLOOR | need [--optional WITHOUT] COMMAND:PACKAGE:WHAT ..."; exit 2 ;;
esac
