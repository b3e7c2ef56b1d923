#!/bin/sh
# One-shot: registers (or updates) the PHAC connector from the repository's connector JSON.
# Usage: register-connector.sh CONFIG.json   with CONNECT_URL, CONNECTOR_NAME, INPUT_PATH in the environment.
# The JSON may be the flat config map or {"name": ..., "config": {...}}; only input.path is replaced, by the folder
# the inbox volume is mounted at in the container. Every other setting is the repository's, as is.
set -eu
FILE=${1:?usage: register-connector.sh CONFIG.json}
BODY=/tmp/connector.json
sed -e "s#\"input.path\"[[:space:]]*:[[:space:]]*\"[^\"]*\"#\"input.path\": \"${INPUT_PATH}\"#" "$FILE" > "$BODY"
if grep -q '"config"[[:space:]]*:' "$BODY"; then
  # {"name", "config"} form: POST creates it; 409 means it exists already (a restart of the stack)
  code=$(curl -s -o /tmp/response -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data @"$BODY" "$CONNECT_URL/connectors")
  [ "$code" = 409 ] && code=200
else
  code=$(curl -s -o /tmp/response -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
    --data @"$BODY" "$CONNECT_URL/connectors/$CONNECTOR_NAME/config")
fi
cat /tmp/response; echo
case "$code" in
  200|201) echo "connector $CONNECTOR_NAME registered (HTTP $code)" ;;
  *) echo "registering $CONNECTOR_NAME failed: HTTP $code" >&2; exit 1 ;;
esac
# wait until the connector and its task report RUNNING, so `docker compose up` shows a failure here, not later
i=0
while [ $i -lt 30 ]; do
  status=$(curl -s "$CONNECT_URL/connectors/$CONNECTOR_NAME/status" || true)
  case "$status" in
    *FAILED*) echo "$status" >&2; exit 1 ;;
    *'"tasks":[{'*RUNNING*) echo "$status"; exit 0 ;;
  esac
  i=$((i + 1)); sleep 2
done
echo "connector $CONNECTOR_NAME not RUNNING after 60 s: $status" >&2
exit 1
