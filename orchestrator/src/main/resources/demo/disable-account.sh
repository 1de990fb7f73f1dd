#!/usr/bin/env bash
# (Enshu demo defender, on the domain controller) Disables an account in Active Directory.
# Run as `bash -c SCRIPT disable-account.sh ACCOUNT`: the account name comes from a log the range's
# users write, so it arrives only as an argument, after `--` so that it is never read as an option.
samba-tool user disable -- "$1"
