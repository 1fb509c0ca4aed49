#!/usr/bin/env bash
# Runs on a developer's machine or in CI, before the offline integration tests
# (test/integration/runOffline.ts calls it on every run; it returns at once when done).
#
# Installs code-server 4.100.3 — VS Code 1.100.3's server and web workbench, published on npm —
# into .vscode-test/code-server/, because @vscode/test-electron downloads VS Code from hosts
# these machines cannot reach. 4.100.3 is the newest code-server that runs on Node 20.
# Also installs the Debian packages its native modules build against, ripgrep and Chromium
# (as root), or names the missing ones and fails (otherwise).
set -Eeuo pipefail
exec </dev/null

readonly CODE_SERVER_VERSION=4.100.3
readonly NODE_MAJOR=20
readonly DEBIAN_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly cache=$root/.vscode-test
readonly dest=$cache/code-server
readonly marker=$dest/.installed-version
readonly log=$cache/setup-code-server.log
readonly vscode=$dest/node_modules/code-server/lib/vscode

say() { echo "setup-test-vscode: $*"; }

current_step=''
step() {
  current_step=$1
  say "$1"
  printf '\n===== %s\n' "$1" >>"$log"
}

on_error() {
  # Subshells inherit the trap (set -E); report once, from the main shell.
  [[ $BASHPID == "$$" ]] || return 0
  trap - ERR
  say "FAILED while ${current_step:-starting}; last lines of $log:" >&2
  tail -n 20 "$log" >&2 || true
  say "full log: $log" >&2
}

missing_packages() {
  local pkg
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null) == installed ]] || echo "$pkg"
  done
}

# Fails, naming them, when packages are missing and this is not root on Debian.
require_debian_packages() {
  ((${#missing[@]})) || return 0
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null && return 0
  say "missing Debian packages: ${missing[*]}" >&2
  say "install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
}

install_debian_packages() {
  ((${#missing[@]})) || return 0
  step "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >>"$log" 2>&1
  apt-get install -y -q "${missing[@]}" >>"$log" 2>&1
}

check_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [[ $major != "$NODE_MAJOR" ]]; then
    say "code-server $CODE_SERVER_VERSION needs Node $NODE_MAJOR; this is Node $(node --version)" >&2
    exit 1
  fi
}

# node-gyp downloads Node's headers unless told where they are; Node's own package ships them.
use_local_node_headers() {
  [[ -z ${npm_config_nodedir:-} && -f /usr/include/node/node_version.h ]] || return 0
  local headers
  headers=$(sed -nE 's/^#define NODE_(MAJOR|MINOR|PATCH)_VERSION ([0-9]+).*/\2/p' /usr/include/node/node_version.h | paste -sd.)
  [[ $headers == "$(node -p process.versions.node)" ]] && export npm_config_nodedir=/usr
  return 0
}

install_code_server() {
  rm -rf "$dest"
  mkdir -p "$dest"
  # A package.json of its own, or npm would install into the repository's one up the tree.
  printf '{ "private": true }\n' >"$dest/package.json"

  # The package's own postinstall refuses to run as root unless npm passes --unsafe-perm, which
  # npm 11 no longer does, so every step of it is done here by hand.
  step "[1/5] npm install code-server@$CODE_SERVER_VERSION"
  (cd "$dest" && npm install --ignore-scripts "code-server@$CODE_SERVER_VERSION") >>"$log" 2>&1

  step "[2/5] installing VS Code's dependencies"
  (cd "$vscode" && npm install --omit=dev --ignore-scripts) >>"$log" 2>&1

  step "[3/5] building native modules"
  # @vscode/ripgrep downloads rg from GitHub unless its bin/ exists: give it Debian's.
  mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
  cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
  # node-pty's postinstall only tidies its build and runs `npx node-gyp`, which fails offline;
  # the module itself is still built by the rebuild below.
  (cd "$vscode/node_modules/node-pty" && npm pkg delete scripts.postinstall) >>"$log" 2>&1
  (cd "$vscode" && npm rebuild --foreground-scripts) >>"$log" 2>&1

  step "[4/5] linking VS Code's files, installing the built-in extensions' dependencies"
  ln -sfn node_modules "$vscode/node_modules.asar"
  ln -sfn code-linux.sh "$vscode/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$vscode/bin/helpers/browser.sh"
  (cd "$vscode/extensions" && npm install --omit=dev --foreground-scripts) >>"$log" 2>&1

  step "[5/5] building argon2"
  (cd "$dest" && npm rebuild --foreground-scripts argon2) >>"$log" 2>&1

  # It starts and knows its version. --config: without it, it writes one into ~/.config.
  local version
  version=$(node "$dest/node_modules/code-server/out/node/entry.js" --config "$dest/check.yaml" --version 2>>"$log")
  rm -f "$dest/check.yaml"
  echo "code-server --version: $version" >>"$log"
  grep -q "^$CODE_SERVER_VERSION .* with Code " <<<"$version"
  echo "$CODE_SERVER_VERSION" >"$marker"
}

# The web workbench fetches VS Code's signing module, vsda (Microsoft's, not open source, so not
# in code-server), on every page load: the server logs "File not found" for both files and the
# page's console an unknown error, before it goes on unsigned. These placeholders behave as
# that fallback does (messages pass through unsigned) and make the requests succeed.
add_vsda_placeholders() {
  local module=$vscode/node_modules/vsda
  [[ -f $module/rust/web/vsda.js ]] && return 0
  mkdir -p "$module/rust/web"
  printf '{ "name": "vsda", "version": "0.0.0-placeholder", "main": "index.js" }\n' >"$module/package.json"
  # The server's half: it signs the handshake when the module is there.
  cat >"$module/index.js" <<'JS'
// Placeholder for VS Code's closed-source signing module, written by scripts/setup-test-vscode.sh.
class signer { sign(value) { return value; } }
class validator { createNewMessage(value) { return value; } validate() { return 'ok'; } }
module.exports = { signer, validator };
JS
  # The web workbench's half, loaded with its AMD loader, and the wasm it fetches beside it.
  : >"$module/rust/web/vsda_bg.wasm"
  cat >"$module/rust/web/vsda.js" <<'JS'
// Placeholder for VS Code's closed-source signing module, written by scripts/setup-test-vscode.sh:
// messages pass through unsigned, as they do when the module is missing.
globalThis.vsda_web = {
  default: async () => undefined,
  sign: (value) => value,
  validator: class { createNewMessage(value) { return value; } validate() { return 'ok'; } free() {} },
};
if (typeof define === 'function') define([], () => globalThis.vsda_web);
JS
}

installed() {
  [[ -f $marker && $(<"$marker") == "$CODE_SERVER_VERSION" ]]
}

main() {
  mapfile -t missing < <(missing_packages)
  require_debian_packages

  mkdir -p "$cache"
  # One setup at a time: a test run and a manual run must not install into the same folder.
  exec 9>"$cache/setup.lock"
  flock 9
  if installed && ! ((${#missing[@]})); then
    add_vsda_placeholders
    exit 0
  fi

  : >"$log"
  trap on_error ERR
  check_node
  install_debian_packages
  if installed; then
    add_vsda_placeholders
    exit 0
  fi

  local started=$SECONDS
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  # Prebuilt binaries of kerberos and argon2 come from GitHub: build them from source instead.
  export npm_config_build_from_source=true
  use_local_node_headers
  install_code_server
  add_vsda_placeholders
  say "code-server $CODE_SERVER_VERSION installed in $dest ($((SECONDS - started)) s, $(du -sh "$dest" | cut -f1))"
}

main "$@"
