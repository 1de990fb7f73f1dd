#!/usr/bin/env bash
# (Enshu exercise) Replaces the web site's front page, keeping the original for the restore; prints the new
# page's SHA-256.
# Environment: MESSAGE.
# Run on a range host as `env NAME=value... bash -c SCRIPT`: values arrive only as environment variables.
set -e
mkdir -p /var/backups/enshu
[ -f /var/backups/enshu/index.html.orig ] || cp /var/www/html/index.html /var/backups/enshu/index.html.orig
printf '<!doctype html><html><head><meta charset="utf-8"><title>hacked</title></head><body><h1>%s</h1></body></html>\n' "$MESSAGE" > /var/www/html/index.html
sha256sum /var/www/html/index.html | cut -d' ' -f1
