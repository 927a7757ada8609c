#!/usr/bin/env bash
# Brings promtool (Debian package 'prometheus') when it is missing, so the build can check the
# chart's alert rules (AlertRulesPromtoolTest). The helm module's build runs it before its tests
# (maven-antrun-plugin in helm/pom.xml); it fails, naming what to do, when promtool cannot be had.
set -u
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  as_root=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    fi
  fi
  if [ "$(id -u)" = 0 ] || [ ${#as_root[@]} -gt 0 ]; then
    echo "install-promtool: installing Debian package 'prometheus' for promtool"
    # Another build on the machine may hold the package lock for a while: wait for it.
    "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq \
      && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
        --no-install-recommends prometheus
  fi
fi
if ! command -v promtool >/dev/null 2>&1; then
  echo "install-promtool: promtool is missing and could not be installed; install Debian package 'prometheus'" \
    "(apt-get install prometheus) or put promtool on the PATH" >&2
  exit 1
fi
