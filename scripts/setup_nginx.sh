#!/usr/bin/env bash
# Installs nginx from the distribution's packages when it is not installed yet (Debian/Ubuntu,
# needs root). The package's own service is not used: deploy/nginx.conf is run with
# `nginx -p PREFIX -c CONFIG` (README "Deployment").
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  echo "nginx is installed: $( (command -v nginx || echo /usr/sbin/nginx) | head -1)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "nginx is missing; run as root (or: sudo apt-get install -y nginx)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq nginx
