#!/usr/bin/env bash
# Prints how many arguments it was given, then each one in brackets.
printf '%s\n' "$#"
printf '[%s]' "$@"
