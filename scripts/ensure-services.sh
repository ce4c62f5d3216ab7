#!/usr/bin/env bash
# Installs what the test suite's real servers need, when missing: Debian's postgresql and redis-server
# (the tests start their own instances on loopback with temporary data directories), chromium for the
# browser tests, and npm with axe-core (pinned in tests/browser_js/package-lock.json) for their
# accessibility checks. Idempotent; needs root (or sudo) only when a Debian package is missing.
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)

install_axe() {
  # From the npm registry, exactly the locked version; skipped once installed (works offline then).
  local dir tests_js
  dir="$(cd "$(dirname "$0")/.." && pwd)"
  tests_js="$dir/tests/browser_js"
  if [ ! -f "$tests_js/node_modules/axe-core/axe.min.js" ]; then
    npm ci --no-audit --no-fund --prefix "$tests_js" >/dev/null
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  install_axe
  exit 0
fi
echo "ensure-services: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts the packaged services; the tests run their own, so the system ones are not needed.
for svc in postgresql redis-server; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    $SUDO systemctl stop "$svc" || true
  fi
done
install_axe
