#!/usr/bin/env bash
# Fetches Temporal's time-skipping test server (io.temporal:temporal-test-server and its dependencies)
# from Maven Central and writes an `exec java` wrapper the TypeScript SDK can start as an existing path.
# Result: $ENGINE_CACHE_DIR/temporal-test-server/temporal-test-server. Skips when already there.
set -euo pipefail
CACHE_DIR="${ENGINE_CACHE_DIR:-$HOME/.cache/engagement-engine}"
VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.31.0}"
DIR="$CACHE_DIR/temporal-test-server"
WRAPPER="$DIR/temporal-test-server"

if [[ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ]]; then
  echo "test server: using TEMPORAL_TEST_SERVER_PATH=$TEMPORAL_TEST_SERVER_PATH"; exit 0
fi
if [[ -x "$WRAPPER" && -f "$DIR/lib/temporal-test-server-$VERSION.jar" ]]; then
  echo "test server: cached at $WRAPPER"; exit 0
fi
if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
  # OPTIONAL=1 (npm pretest): without Maven/Java, leave it to the Temporal SDK's own download (needs internet).
  if [[ "${OPTIONAL:-}" == 1 ]]; then echo "test server: Maven or Java not found, tests will let the SDK download it" >&2; exit 0; fi
  echo "test server: Maven and a Java runtime (11+) are required to fetch it (or set TEMPORAL_TEST_SERVER_PATH)" >&2; exit 1
fi
echo "test server: fetching io.temporal:temporal-test-server:$VERSION from Maven Central..."
mkdir -p "$DIR"
rm -rf "$DIR/lib"
cat > "$DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.engagement-engine</groupId>
  <artifactId>temporal-test-server-deps</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>$VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
mvn -B -q -f "$DIR/pom.xml" dependency:copy-dependencies -DoutputDirectory="$DIR/lib" -DincludeScope=runtime
# The SDK starts this file with the port as first argument and kills the pid it started: exec keeps them the same.
cat > "$WRAPPER" <<'WRAP'
#!/bin/sh
DIR="$(cd "$(dirname "$0")" && pwd)"
exec java ${TEMPORAL_TEST_SERVER_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -cp "$DIR/lib/*" io.temporal.testserver.TestServer "$@"
WRAP
chmod +x "$WRAPPER"
echo "test server: ready at $WRAPPER"
