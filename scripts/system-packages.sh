#!/usr/bin/env bash
# Install the Debian packages the test suite needs, when missing: PostgreSQL 15, Chromium,
# gettext. As root this uses apt-get; otherwise it says what to install and stops.
set -euo pipefail

missing=()
command -v msgfmt >/dev/null || missing+=(gettext)
command -v chromium >/dev/null || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
# WeasyPrint draws PDFs with Pango.
ldconfig -p | grep -q libpangoft2-1.0 || missing+=(libpangoft2-1.0-0)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Please install these Debian packages first: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
