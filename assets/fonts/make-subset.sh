#!/usr/bin/env bash
# Remakes the chart font from Debian's fonts-noto-core package: Noto Sans Regular cut down
# to Latin-1 and the punctuation the site uses, as TrueType (embedded in the binary for
# measuring and drawing chart text) and WOFF2 (served with the site so browsers draw chart
# labels with the same letters they were measured with). The licence is
# themes/default/static/fonts/OFL.txt, published with the site beside the WOFF2 file.
# Needs: apt-get, dpkg, pip install fonttools brotli.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download fonts-noto-core && dpkg -x fonts-noto-core_*.deb x)
src="$work/x/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
unicodes="U+0020-007E,U+00A0-00FF,U+2010-2014,U+2018-201D,U+2022,U+2026,U+202F,U+2212,U+20AC"
theme_fonts="$here/../../themes/default/static/fonts"
for flavor in ttf woff2; do
  args=()
  out="$here/NotoSans-Subset.ttf"
  [ "$flavor" = woff2 ] && args=(--flavor=woff2) && out="$theme_fonts/noto-sans-subset.woff2"
  pyftsubset "$src" --unicodes="$unicodes" --layout-features='kern,liga' --no-hinting \
    --desubroutinize --name-IDs='*' "${args[@]}" --output-file="$out"
done
ls -l "$here/NotoSans-Subset.ttf" "$theme_fonts/noto-sans-subset.woff2"
