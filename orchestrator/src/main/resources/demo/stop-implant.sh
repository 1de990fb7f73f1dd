#!/usr/bin/env bash
# (Enshu demo defender, on the victim's terminal) Stops every process run from a .cache folder and
# prints their names. Run as `bash -c SCRIPT stop-implant.sh`; takes no arguments.
for p in $(pgrep -f '[.]cache/'); do ps -o comm= -p "$p"; kill "$p"; done | sort -u
