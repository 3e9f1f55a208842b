#!/bin/sh
# One-shot job (run in temporalio/admin-tools): registers the custom search
# attributes the engine needs in its Temporal namespace.
#
# - Retries until the Temporal frontend answers and the namespace exists
#   (creating the namespace if auto-setup has not).
# - Idempotent: attributes already present are skipped, and the server also
#   treats "already exists" as a no-op for SQL visibility. An attribute that
#   exists with a *different* type is a hard error.
# - Exits 0 only once every attribute is listed in the namespace, so services
#   can depend on it with `condition: service_completed_successfully`.
#
# POSIX sh on purpose (the admin-tools image is Alpine based).

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-72h}"
MAX_ATTEMPTS="${SA_MAX_ATTEMPTS:-90}"
RETRY_SECONDS="${SA_RETRY_SECONDS:-2}"
# After adding attributes, give the server's namespace cache time to refresh
# (it polls about every 10s) before workers start upserting them.
SETTLE_SECONDS="${SA_SETTLE_SECONDS:-12}"

# name:Type pairs (types: Keyword, Text, Int, Double, Bool, Datetime, KeywordList)
ATTRIBUTES="DeliveryStatus:Keyword EngagementId:Keyword DeliveryChannel:Keyword NextAttemptAt:Datetime WaitingFor:Keyword"

log() { echo "[search-attributes] $*"; }

attempt=0
next_attempt() {
  attempt=$((attempt + 1))
  if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
    log "giving up after $attempt attempts: $*"
    exit 1
  fi
  sleep "$RETRY_SECONDS"
}

log "server $ADDRESS, namespace $NAMESPACE"

# 1. Wait for the frontend.
until temporal operator cluster health --address "$ADDRESS" 2>/dev/null | grep -q SERVING; do
  log "waiting for Temporal frontend at $ADDRESS ..."
  next_attempt "Temporal frontend not serving"
done

# 2. Make sure the namespace exists (auto-setup normally creates it).
until temporal operator namespace describe --namespace "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; do
  log "namespace $NAMESPACE not found yet; trying to create it (retention $RETENTION)"
  temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" --address "$ADDRESS" \
    || log "namespace create failed (it may already be in progress); retrying"
  next_attempt "namespace $NAMESPACE unavailable"
done

# 3. Register whatever is missing.
created=0
while :; do
  if ! listing=$(temporal operator search-attribute list --namespace "$NAMESPACE" --address "$ADDRESS" 2>&1); then
    log "could not list search attributes: $listing"
    next_attempt "cannot list search attributes"
    continue
  fi

  missing_args=""
  missing_names=""
  for pair in $ATTRIBUTES; do
    name="${pair%%:*}"
    type="${pair#*:}"
    if printf '%s\n' "$listing" | grep -qw -- "$name"; then
      continue
    fi
    missing_args="$missing_args --name $name --type $type"
    missing_names="$missing_names $name"
  done

  if [ -z "$missing_names" ]; then
    break
  fi

  log "creating:$missing_names"
  # shellcheck disable=SC2086 # word splitting of $missing_args is intended
  if output=$(temporal operator search-attribute create --namespace "$NAMESPACE" --address "$ADDRESS" $missing_args 2>&1); then
    log "$output"
    created=1
    # Loop once more to confirm they are listed (bounded by MAX_ATTEMPTS).
    next_attempt "created attributes are still not listed"
  else
    log "create failed: $output"
    case "$output" in
      *"different type"*)
        log "an attribute exists with a different type; fix it by hand (temporal operator search-attribute remove/create)"
        exit 1
        ;;
    esac
    next_attempt "could not create search attributes"
  fi
done

if [ "$created" -eq 1 ] && [ "$SETTLE_SECONDS" -gt 0 ]; then
  log "waiting ${SETTLE_SECONDS}s for the namespace cache to pick up the new attributes"
  sleep "$SETTLE_SECONDS"
fi

log "all search attributes present:"
temporal operator search-attribute list --namespace "$NAMESPACE" --address "$ADDRESS" || true
log "done"
