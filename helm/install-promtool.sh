#!/usr/bin/env bash
# Installs promtool (Debian package 'prometheus') when it is missing, so the build can check the
# chart's alert rules. Best effort: without it the check is skipped with a message.
set -u
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1
fi
command -v promtool >/dev/null 2>&1
