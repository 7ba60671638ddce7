#!/usr/bin/env bash
# Runs GridAid locally: Azurite (data kept in .azurite/), the local Functions-compatible host with the
# Taishan demo data, and the web pages. Ctrl+C stops everything.
# The demo is seeded only while .azurite/ has no taishan area: later runs keep your changes (replaced codes,
# deleted stations). rm -rf .azurite starts afresh.
set -euo pipefail
cd "$(dirname "$0")/.."
URL="${GRIDAID_URL:-http://127.0.0.1:7071}"

if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# The same CJK font as the test setup (scripts/test.sh): without one a browser on this machine shows Chinese as empty boxes.
if command -v apt-get >/dev/null 2>&1 && [ ! -d /usr/share/fonts/truetype/wqy ] && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing a Chinese font (fonts-wqy-microhei)…"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-wqy-microhei >/dev/null; } \
    || echo "Could not install fonts-wqy-microhei: Chinese may show as empty boxes (install a CJK font yourself)." >&2
fi

mkdir -p .azurite
if ! (exec 3<>/dev/tcp/127.0.0.1/10001) 2>/dev/null; then
  node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --loose \
    --location .azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  AZURITE_PID=$!
  trap 'kill $AZURITE_PID 2>/dev/null || true' EXIT
  for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.2; done
  echo "Azurite started (data in .azurite/)"
else
  echo "Azurite already running on 10000-10002"
fi

dotnet build functions/GridAid.LocalHost -c Release -v quiet -nologo

cat <<TEXT

GridAid is starting on $URL
  Tourist form (QR link):  $URL/r/ts-nantianmen      (南天门 · South Heaven Gate)
  Pick a place:            $URL/
  Status page:             $URL/s/<tracking code>
  Station inbox:           $URL/station/   station ts-daiding-police, access code demo-ts-daiding-police
                                           (every demo station: code = demo-<station id>)
  Admin:                   $URL/admin/     area taishan, access code demo-admin
  API health:              $URL/api/health
  Channel outbox:          $URL/_outbox        (what WeCom / DingTalk / webhooks would have received)
  (the demo codes as first seeded: a code replaced since stays replaced; rm -rf .azurite for a fresh demo)
  More areas (the operator's tool, README "Deploy to Azure"), in another terminal:
    AzureWebJobsStorage=UseDevelopmentStorage=true dotnet run --project functions/GridAid.Cli -- area create <id> --name-zh … --name-en …

TEXT
# The demo's channels go to the local outbox ($URL/_outbox), which verifies their signatures: once the host answers, the
# summit police post and the Heavenly Street grid office get a signed webhook, a DingTalk robot and a WeCom robot there,
# unless they already have channels (docs/channels.md). Channels to http and loopback need AllowPrivateTargets.
(
  for _ in $(seq 120); do curl -fs "$URL/api/health" >/dev/null 2>&1 && break; sleep 0.5; done
  OUTBOX_SECRET="local-outbox-secret-0001"
  for st in ts-daiding-police ts-tianjie-grid; do
    if [ "$(curl -fs -H 'X-GridAid-Auth: taishan.admin.demo-admin' "$URL/api/admin/stations/$st/channels" 2>/dev/null)" = "[]" ]; then
      curl -fs -o /dev/null -X PUT -H 'X-GridAid-Auth: taishan.admin.demo-admin' -H 'Content-Type: application/json' \
        -d "[{\"type\":\"webhook\",\"url\":\"$URL/_outbox/webhook\",\"secret\":\"$OUTBOX_SECRET\"},{\"type\":\"dingtalk\",\"url\":\"$URL/_outbox/dingtalk?access_token=local\",\"secret\":\"$OUTBOX_SECRET\"},{\"type\":\"wecom\",\"url\":\"$URL/_outbox/wecom?key=local\"}]" \
        "$URL/api/admin/stations/$st/channels" && echo "Channels of $st point at the local outbox: $URL/_outbox"
    fi
  done
) &
AzureWebJobsStorage="UseDevelopmentStorage=true" GridAid__SeedDemoData=true GridAid__Channels__AllowPrivateTargets=true \
  dotnet functions/GridAid.LocalHost/bin/Release/net10.0/GridAid.LocalHost.dll --urls "$URL"
