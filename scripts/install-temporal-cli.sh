#!/usr/bin/env bash
# Builds the Temporal CLI (dev server with SQLite persistence and the Web UI) from the Go module proxy,
# into $ENGINE_CACHE_DIR/bin (default ~/.cache/engagement-engine/bin). Skips when already there.
# v1.5.1 is the newest tag that `go install` accepts (later ones carry a replace directive).
set -euo pipefail
CACHE_DIR="${ENGINE_CACHE_DIR:-$HOME/.cache/engagement-engine}"
VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
TARGET="$CACHE_DIR/bin/temporal"

if [[ -n "${TEMPORAL_CLI_PATH:-}" ]]; then
  echo "temporal CLI: using TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH"; exit 0
fi
if [[ -x "$TARGET" ]]; then
  echo "temporal CLI: cached at $TARGET"; exit 0
fi
if ! command -v go >/dev/null; then
  # OPTIONAL=1 (npm pretest): without Go, leave it to the Temporal SDK's own download (needs internet).
  if [[ "${OPTIONAL:-}" == 1 ]]; then echo "temporal CLI: Go not found, tests will let the SDK download the dev server" >&2; exit 0; fi
  echo "temporal CLI: Go is required to build it (or set TEMPORAL_CLI_PATH)" >&2; exit 1
fi
echo "temporal CLI: building $VERSION with go install (takes a few minutes, once)..."
mkdir -p "$CACHE_DIR/bin"
GOBIN="$CACHE_DIR/bin" GOFLAGS="${GOFLAGS:--buildvcs=false}" go install "github.com/temporalio/cli/cmd/temporal@$VERSION"
"$TARGET" --version
