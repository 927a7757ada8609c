#!/usr/bin/env bash
# Brings Debian's chromium (and a CJK font, so the Chinese console is legible in the screenshots)
# when missing, so ConsoleIT can drive the staff console in a real browser (Playwright for Java never downloads one: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1, executable
# /usr/bin/chromium). The gateway module's build runs it before its integration tests
# (maven-antrun-plugin in gateway/pom.xml), as helm/install-promtool.sh brings promtool.
set -u
cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; }
if [ -x /usr/bin/chromium ] && cjk_font; then
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
    echo "install-chromium: installing Debian packages 'chromium' and 'fonts-wqy-zenhei'"
    # Another build on the machine may hold the package lock for a while: wait for it.
    "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq \
      && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
        --no-install-recommends chromium fonts-wqy-zenhei
  fi
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "install-chromium: /usr/bin/chromium is missing and could not be installed; install Debian package" \
    "'chromium' (apt-get install chromium)" >&2
  exit 1
fi
