#!/usr/bin/env bash
# Runs one hall screen or kiosk full-screen in Chromium and keeps it running: the kiosk PCs' and display PCs'
# autostart command (see deploy/README.md).
#
#   hall-screen.sh <url>
#   e.g. hall-screen.sh 'http://hub.hall.lan:8080/display/?device=wall-main&token=…'
#        hall-screen.sh 'http://hub.hall.lan:8080/kiosk/?device=kiosk-1&token=…'
#
# Chromium restarts within seconds if it exits or crashes; the page itself reconnects to the hub and
# reloads when stuck (its watchdog), so this loop only covers the browser process.
set -u
url="${1:?usage: hall-screen.sh <url>}"
browser="${HALL_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
profile="${HALL_PROFILE_DIR:-$HOME/.cache/hall-screen}"
mkdir -p "$profile"

# Screens stay on: no blanking, no power saving (a schedule from the hub switches displays off on purpose).
if command -v xset >/dev/null 2>&1 && [ -n "${DISPLAY:-}" ]; then
  xset s off -dpms s noblank || true
fi

while true; do
  # A crash last time must not show the "restore pages?" bar on a public screen.
  sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"Crashed"/"exit_type":"Normal"/' \
    "$profile/Default/Preferences" 2>/dev/null || true
  "$browser" \
    --kiosk "$url" \
    --user-data-dir="$profile" \
    --no-first-run --noerrdialogs --disable-infobars --disable-session-crashed-bubble \
    --disable-translate --disable-features=Translate,TranslateUI \
    --autoplay-policy=no-user-gesture-required \
    --disable-pinch --overscroll-history-navigation=0 \
    --check-for-update-interval=31536000 --disable-background-networking --disable-component-update \
    --password-store=basic
  echo "hall-screen: browser exited ($?); restarting in 3 s" >&2
  sleep 3
done
