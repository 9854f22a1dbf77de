#!/usr/bin/env bash
# Generates the demo camera clips the hub serves at /media/demo/clip-N/index.m3u8: four
# short HLS clips (20 s, 640x360, low-bitrate H.264, 2 s segments) that windows play in a
# loop, each labelled 演示视频 N with a running surveillance-style clock. Segments are
# fragmented MP4 (.m4s), not MPEG-TS: a .ts file in the tree would be taken for TypeScript.
# Needs ffmpeg (apt-get install ffmpeg) and a CJK font (fonts-wqy-microhei).
# Usage: resources/video/make-demo-clips.sh   (writes beside this script; keep the total < 8 MB)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
font="${DUTYDECK_CJK_FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}"
seconds=20
fps=15
# The clock starts at 2026-01-01 08:00:00 (UTC+8) and runs with the video.
epoch=1767225600

command -v ffmpeg >/dev/null || { echo "ffmpeg is not installed: apt-get install ffmpeg" >&2; exit 1; }
[ -f "$font" ] || { echo "no CJK font at $font: apt-get install fonts-wqy-microhei, or set DUTYDECK_CJK_FONT" >&2; exit 1; }

# Four different scenes, so neighbouring tiles of the video wall are told apart at a glance.
sources=(
  "testsrc2=size=640x360:rate=${fps}"
  "life=size=640x360:rate=${fps}:ratio=0.12:death_color=#1b2a3a:life_color=#6fb3d2:mold=10:mold_color=#2d4f2a:seed=7"
  "mandelbrot=size=640x360:rate=${fps}:start_scale=2.5:end_scale=0.4"
  "cellauto=size=640x360:rate=${fps}:rule=110:random_fill_ratio=0.45:seed=3,scroll=vertical=0.004,colorchannelmixer=rr=0.3:gg=0.8:bb=0.5"
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for n in 1 2 3 4; do
  out="$here/clip-$n"
  rm -rf "$out"
  mkdir -p "$out"
  # A filter script file keeps ffmpeg's own escaping out of the shell's way.
  cat > "$work/filter-$n.txt" <<FILTER
${sources[$((n - 1))]},format=yuv420p,noise=alls=6:allf=t,
drawbox=x=0:y=0:w=iw:h=40:color=black@0.55:t=fill,
drawtext=fontfile='${font}':text='演示视频 ${n}':x=14:y=8:fontsize=24:fontcolor=white,
drawtext=fontfile='${font}':text='%{pts\:gmtime\:$((epoch + 8 * 3600))\:%Y-%m-%d %H\\\\\:%M\\\\\:%S}':x=w-tw-14:y=9:fontsize=22:fontcolor=white,
drawtext=fontfile='${font}':text='DutyDeck DEMO':x=14:y=h-30:fontsize=16:fontcolor=white@0.6[v]
FILTER
  ffmpeg -hide_banner -loglevel error -y \
    -filter_complex_script "$work/filter-$n.txt" -map '[v]' -t "$seconds" -an \
    -c:v libx264 -preset veryfast -profile:v baseline -level 3.0 -pix_fmt yuv420p \
    -b:v 220k -maxrate 280k -bufsize 560k -g $((fps * 2)) -keyint_min $((fps * 2)) -sc_threshold 0 \
    -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4 \
    -hls_segment_filename "$out/seg-%02d.m4s" "$out/index.m3u8"
  echo "clip-$n: $(du -sh "$out" | cut -f1)"
done
echo "total: $(du -sh --total "$here"/clip-* | tail -1 | cut -f1)"
