# Shared helpers for Keyway's scripts (infra/, bin/). Source it, don't run it:
#   . "$(dirname "${BASH_SOURCE[0]}")/../infra/lib.sh"
# It sets KEYWAY_ROOT (the repo root, found from this file's own location so scripts work
# from any working directory) and defines functions; it changes no shell options.

KEYWAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The one moto version every machine uses; the Java test extension starts the same binary.
KEYWAY_MOTO_SPEC='moto[server]==5.2.5'

keyway_die() {
  echo "keyway: $*" >&2
  return 1
}

# Major Java version of a JDK home, or nothing if it has no working java.
keyway_java_major() {
  local version
  version="$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p')" || return 1
  echo "${version#1.}"
}

# Exports JAVA_HOME: the newest Temurin JDK under /usr/lib/jvm (the build needs >= 21; the
# machines here carry 25 and compile with --release 21). Without one, an existing
# JAVA_HOME that is new enough is kept, so a developer's own JDK works too.
keyway_java_home() {
  local dir major best="" best_major=0
  for dir in /usr/lib/jvm/temurin-*-jdk*; do
    [[ -x "$dir/bin/java" ]] || continue
    major="$(keyway_java_major "$dir")" || continue
    if [[ "$major" =~ ^[0-9]+$ ]] && (( major > best_major )); then
      best="$dir" best_major="$major"
    fi
  done
  if (( best_major >= 21 )); then
    export JAVA_HOME="$best"
    return 0
  fi
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major="$(keyway_java_major "$JAVA_HOME")" || major=0
    if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 21 )); then
      export JAVA_HOME
      return 0
    fi
  fi
  keyway_die "no JDK >= 21: install Temurin (apt-get install temurin-25-jdk) or set JAVA_HOME"
}

# Creates the project-local venv (.venv at the repo root) with moto's server, once. When
# the right moto is already there it only checks the version, which takes well under a second.
keyway_ensure_venv() {
  local venv="$KEYWAY_ROOT/.venv" want="${KEYWAY_MOTO_SPEC##*==}"
  if [[ -x "$venv/bin/moto_server" ]] \
    && [[ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null)" == "$want" ]]; then
    return 0
  fi
  if [[ ! -x "$venv/bin/python" ]]; then
    command -v python3 >/dev/null || keyway_die "python3 is needed to create $venv" || return 1
    python3 -m venv "$venv" || keyway_die "could not create $venv" || return 1
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$KEYWAY_MOTO_SPEC" \
    || keyway_die "pip could not install $KEYWAY_MOTO_SPEC into $venv" || return 1
}

# The template linters, pinned, in the same venv: cfn-lint and the SAM CLI (`sam validate --lint`).
KEYWAY_LINT_SPECS=('cfn-lint==1.58.0' 'aws-sam-cli==1.170.0')
keyway_ensure_lint_tools() {
  local venv="$KEYWAY_ROOT/.venv"
  if [[ -x "$venv/bin/cfn-lint" && -x "$venv/bin/sam" ]] \
    && "$venv/bin/python" - "${KEYWAY_LINT_SPECS[@]}" <<'PY' 2>/dev/null; then
import sys, importlib.metadata as m
for spec in sys.argv[1:]:
    name, version = spec.split("==")
    if m.version(name) != version:
        sys.exit(1)
PY
    return 0
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${KEYWAY_LINT_SPECS[@]}" \
    || keyway_die "pip could not install ${KEYWAY_LINT_SPECS[*]} into $venv"
}

# The API fuzzer (ApiFuzzTest runs it against docs/openapi.yaml), pinned, in the same venv.
KEYWAY_FUZZ_SPEC='schemathesis==4.32.5'
keyway_ensure_fuzz_tools() {
  local venv="$KEYWAY_ROOT/.venv" want="${KEYWAY_FUZZ_SPEC##*==}"
  if [[ -x "$venv/bin/st" ]] \
    && [[ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" == "$want" ]]; then
    return 0
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$KEYWAY_FUZZ_SPEC" \
    || keyway_die "pip could not install $KEYWAY_FUZZ_SPEC into $venv"
}

# Toxiproxy's server (the fault suite, FaultInjectionTest, puts it between the functions and the
# local AWS endpoint and the OAuth server), built once with `go install` into .tools/bin. v2.5.0
# is the newest release the Go module proxy serves for github.com/Shopify/toxiproxy/v2; its
# server's package is cmd/server, so the binary is named `server`.
KEYWAY_TOXIPROXY_VERSION='v2.5.0'
keyway_ensure_toxiproxy() {
  local bin="$KEYWAY_ROOT/.tools/bin" go="${KEYWAY_GO:-}"
  if [[ -x "$bin/toxiproxy-server" ]] && [[ "$(cat "$bin/toxiproxy-server.version" 2>/dev/null)" == "$KEYWAY_TOXIPROXY_VERSION" ]]; then
    return 0
  fi
  if [[ -z "$go" ]]; then
    go="$(command -v go || true)"
  fi
  if [[ -z "$go" && -x /usr/local/go/bin/go ]]; then
    go=/usr/local/go/bin/go
  fi
  if [[ -z "$go" ]]; then
    keyway_die "Go is needed to build Toxiproxy for the fault suite (https://go.dev/dl, or set KEYWAY_GO)"
    return 1
  fi
  mkdir -p "$bin"
  GOBIN="$bin" "$go" install "github.com/Shopify/toxiproxy/v2/cmd/server@$KEYWAY_TOXIPROXY_VERSION" \
    || keyway_die "go install of Toxiproxy $KEYWAY_TOXIPROXY_VERSION failed" || return 1
  mv "$bin/server" "$bin/toxiproxy-server"
  echo "$KEYWAY_TOXIPROXY_VERSION" >"$bin/toxiproxy-server.version"
}
