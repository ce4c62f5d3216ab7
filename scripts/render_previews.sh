#!/usr/bin/env bash
# Render every document template with its example data, then convert to PDF and PNG for a visual check.
# Not part of `make test`: it needs LibreOffice, poppler and CJK fonts (installed with apt-get if missing).
#
#   scripts/render_previews.sh [template_id ...]      → build/previews/{docx,pdf,png}/
#
# PYTHON overrides the interpreter (default: python3); ASSISTANT_* settings apply as usual.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/build/previews"
PYTHON="${PYTHON:-python3}"
DPI="${DPI:-80}"

need_install=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need_install+=(libreoffice-writer)
command -v pdftoppm >/dev/null 2>&1 || need_install+=(poppler-utils)
# Without a CJK font LibreOffice draws Chinese as empty boxes.
fc-list :lang=zh 2>/dev/null | grep -q . || need_install+=(fonts-noto-cjk)
if ((${#need_install[@]})); then
  echo "安装缺少的软件包：${need_install[*]}" >&2
  SUDO=""
  [[ "$(id -u)" != 0 ]] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need_install[@]}"
fi

rm -rf "$OUT"
mkdir -p "$OUT/docx" "$OUT/pdf" "$OUT/png"

if (($#)); then
  ids=("$@")
else
  mapfile -t ids < <(cd "$ROOT" && PYTHONPATH="$ROOT" "$PYTHON" -c \
    'from assistant.config import Settings; from assistant.documents import list_templates
for t in list_templates(Settings()): print(t.id)')
fi

for id in "${ids[@]}"; do
  (cd "$ROOT" && PYTHONPATH="$ROOT" "$PYTHON" -c 'import sys; from assistant.cli import run; sys.exit(run(["doc", "fill", sys.argv[1], "--example", "-o", sys.argv[2]]))' "$id" "$OUT/docx/$id.docx") \
    || echo "生成失败：$id" >&2
done

# A private profile keeps a running desktop LibreOffice (or a stale lock) from blocking the conversion.
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
OFFICE="$(command -v soffice || command -v libreoffice)"
"$OFFICE" -env:UserInstallation="file://$PROFILE" --headless --convert-to pdf \
  --outdir "$OUT/pdf" "$OUT"/docx/*.docx >/dev/null

for pdf in "$OUT"/pdf/*.pdf; do
  pdftoppm -png -r "$DPI" "$pdf" "$OUT/png/$(basename "$pdf" .pdf)"
done

echo "预览已生成：$OUT/png（共 $(ls "$OUT"/png/*.png | wc -l) 页）"
