# Shared helpers for scripts/demo and scripts/test. Sourced, not executed.
# Works on a fresh Debian/Ubuntu machine with Python >= 3.12 and git.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${GRASSROOTS_VENV:-$ROOT/.venv}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
      command -v "$candidate"; return 0
    fi
  done
  # pyenv keeps several interpreters side by side; take the newest >= 3.12.
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  for candidate in $(ls -d "$root"/versions/3.1[2-9]* "$root"/versions/3.[2-9][0-9]* 2>/dev/null | sort -rV); do
    if [ -x "$candidate/bin/python3" ]; then echo "$candidate/bin/python3"; return 0; fi
  done
  echo "Python >= 3.12 not found. Install it (e.g. apt-get install python3) or set PYTHON=/path/to/python3.12." >&2
  return 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

# ensure_debs PKG...: install the Debian packages that are missing (needs root or sudo).
ensure_debs() {
  local missing=() pkg
  command -v dpkg >/dev/null 2>&1 || { say "not a Debian system: install $* yourself"; return 0; }
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing system packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
    { echo "Could not install ${missing[*]}: run as root or with sudo." >&2; return 1; }
}

# Libraries WeasyPrint needs (Pango, HarfBuzz) and the Times New Roman-metric font with Vietnamese glyphs.
RUNTIME_DEBS=(gettext fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 shared-mime-info)
# Browser tests drive Debian's chromium; PDF checks read back with poppler-utils; gettext compiles catalogues.
TEST_DEBS=(chromium poppler-utils)

# ensure_venv REQUIREMENTS_FILE: create .venv and install, skipping pip when nothing changed.
ensure_venv() {
  local requirements="$1" python stamp digest
  python="$(find_python)"
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
    say "creating virtual environment with $python"
    rm -rf "$VENV"
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      local ver; ver="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
      ensure_debs "python${ver}-venv" || ensure_debs python3-venv
      rm -rf "$VENV"; "$python" -m venv "$VENV"
    fi
  fi
  stamp="$VENV/.installed-$(basename "$requirements")"
  digest="$(cat "$ROOT"/requirements/*.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    say "installing Python packages from $requirements"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/$requirements"
    echo "$digest" > "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}
