#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-Regular.ttf: Noto Sans SC Regular (SIL Open Font License, from
# the npm package @expo-google-fonts/noto-sans-sc) cut down to GB 2312, common punctuation and
# symbols, and every character of the bundled drills and the interface texts. Run it after adding
# a drill whose Chinese uses characters outside GB 2312 (a test names any glyph that is missing).
# Needs npm and pip (installs fonttools).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip install --quiet fonttools
(cd "$work" && npm pack --silent @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null && tar xzf ./*.tgz)
python3 - "$work/chars.txt" <<'PY'
import glob, sys
chars = set()
for hi in range(0xA1, 0xF8):            # GB 2312: symbols (A1-A9) and both levels of hanzi (B0-F7)
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for f in glob.glob("scenarios/*.ron") + glob.glob("assets/i18n/*.ftl") + glob.glob("src/**/*.rs", recursive=True):
    chars.update(open(f, encoding="utf-8").read())
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(c for c in chars if ord(c) > 0x2000)))
PY
pyftsubset "$work/package/400Regular/NotoSansSC_400Regular.ttf" --text-file="$work/chars.txt" \
  --unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2190-21FF,U+2460-24FF,U+25A0-25FF,U+3000-303F,U+FF00-FFEF" \
  --layout-features='*' --output-file=assets/fonts/NotoSansSC-Regular.ttf
cp "$work/package/LICENSE_FONT" assets/fonts/OFL.txt
ls -l assets/fonts/NotoSansSC-Regular.ttf
