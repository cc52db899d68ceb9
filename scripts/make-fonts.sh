#!/usr/bin/env bash
# Reproduces assets/fonts/ (the fonts the print-ready PDF is set in) from Debian's font
# packages. Not run by CI: the cut files are committed. Needs Debian 12 with
#   apt-get install fonts-noto-cjk fonts-noto-core    (fonts-noto-cjk 1:20220127+repack1-1,
#                                                      fonts-noto-core 20201225-1)
#   pip install fonttools==4.68.0
#
# What it does (see assets/fonts/README.md for the why and the sizes):
# - Noto Serif CJK HK and SC, Regular and Bold: one region's face taken out of the
#   five-face TTC (indices 0-4 = JP, KR, SC, TC, HK) and cut to Big5-HKSCS ∪ GBK ∪ Latin
#   and punctuation, without `locl` and the vertical features (a region's own face needs
#   no `locl`, and with it the subset pulls in the other regions' glyphs, twice the size).
# - Noto Serif Regular and Bold: cut to Latin, Latin-1, Latin Extended-A, general
#   punctuation, currency and arrows.
# Every name-table entry (copyright, licence, licence URL) is kept.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$REPO/assets/fonts"
CJK=/usr/share/fonts/opentype/noto
LATIN=/usr/share/fonts/truetype/noto
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

# Code points of a legacy encoding: every byte sequence it decodes, one U+XXXX a line.
python3 - "$TMP" <<'PY'
import sys
out = sys.argv[1]
def encoding(name):
    cps = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                s = bytes([lead, trail]).decode(name)
            except UnicodeDecodeError:
                continue
            # HKSCS maps a few byte pairs to two code points (base + combining mark).
            cps.update(ord(c) for c in s)
    return cps
cjk = encoding("big5hkscs") | encoding("gbk") | encoding("gb2312")
ranges = [
    (0x0020, 0x007E), (0x00A0, 0x017F),  # ASCII, Latin-1, Latin Extended-A
    (0x2000, 0x206F), (0x20A0, 0x20CF),  # general punctuation, currency
    (0x2190, 0x21FF),                    # arrows ("moved from 5 → 3")
    (0x3000, 0x303F),                    # CJK symbols and punctuation
    (0xFF00, 0xFFEF),                    # full-width forms
]
for lo, hi in ranges:
    cjk.update(range(lo, hi + 1))
latin = set()
for lo, hi in ranges[:5]:
    latin.update(range(lo, hi + 1))
for name, cps in (("cjk", cjk), ("latin", latin)):
    with open(f"{out}/{name}.txt", "w") as f:
        f.write("".join(f"U+{c:04X}\n" for c in sorted(cps) if c >= 0x20))
    print(f"{name}: {len(cps)} code points")
PY

common=(--name-IDs='*' --name-languages='*' --name-legacy --notdef-outline --glyph-names
        --drop-tables+=DSIG)
cut_cjk() { # weight, TTC index, region tag
    pyftsubset "$CJK/NotoSerifCJK-$1.ttc" --font-number="$2" \
        --unicodes-file="$TMP/cjk.txt" "${common[@]}" \
        --layout-features-='locl,vert,vrt2,vrtr,vkna,vkrn,vpal,valt,vhal' \
        --output-file="$OUT/NotoSerifCJK$3-$1.otf"
}
for weight in Regular Bold; do
    cut_cjk "$weight" 4 hk
    cut_cjk "$weight" 2 sc
    pyftsubset "$LATIN/NotoSerif-$weight.ttf" --unicodes-file="$TMP/latin.txt" \
        "${common[@]}" --layout-features='*' --output-file="$OUT/NotoSerif-$weight.ttf"
done

# The licence text as Debian ships it with the fonts: the indented stanza after the
# "License: SIL-1.1" line that starts the full text (" ." stands for a blank line).
{
    echo "Noto Serif CJK: Copyright © 2017-2022 Adobe (http://www.adobe.com/)."
    echo "Noto Serif: Copyright 2015-2020 Google LLC. All Rights Reserved."
    echo "No Reserved Font Name is declared for either (checked in their name tables)."
    echo
    awk '/^License: SIL-1.1$/ { grab = 1; text = ""; next }
         grab && /^ / { text = text $0 "\n"; next }
         grab { if (text ~ /SIL OPEN FONT LICENSE/) { printf "%s", text; exit } grab = 0 }
         END { if (grab && text ~ /SIL OPEN FONT LICENSE/) printf "%s", text }' \
        /usr/share/doc/fonts-noto-cjk/copyright | sed -e 's/^ //' -e 's/^\.$//'
} >"$OUT/OFL.txt"

ls -l "$OUT"
