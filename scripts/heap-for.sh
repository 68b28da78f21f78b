# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Sourced by the launcher: sbz_heap_for ARGS... prints the -Xmx option a command needs, sized
# from its inputs instead of a fixed 8 GB (issue #16). Only `sbz partial FROM TO` and `sbz diff
# OLD NEW` are sized; other commands get the default. The biggest cost is the differ's: about
# 5.2 x the largest old file at once in exact mode (suffix array and old bytes, docs/mbdiff.md
# "Memory"), 2.8 x with --fast. The complete MARs' entries are read from the files when needed, not
# held (docs/assembly.md, "Memory"). See docs/benchmarks.md, "Partial memory (issue #16)". The
# largest file of a complete MAR is read from its entries' xz indexes (python3); without python3
# the MAR's own size stands in (x 4, about the xz ratio of libxul).
#
#   sbz_heap_for partial old.mar new.mar -o out.mar     ->  -Xmx1124m (the minor Firefox pair)
#
# SBZ_HEAP_DEFAULT (default -Xmx8g) is printed when nothing can be sized.

# sbz_largest_file PATH: bytes of the largest file in a directory or complete MAR, or of a plain
# file (0 if unknown).
sbz_largest_file() {
  local p=$1
  if [ -d "$p" ]; then
    find "$p" -type f -printf '%s\n' 2>/dev/null | sort -n | tail -1
  elif [ -f "$p" ] && command -v python3 >/dev/null 2>&1; then
    python3 - "$p" <<'PY' 2>/dev/null || echo 0
import struct, sys
def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1; v |= (c & 0x7F) << s; s += 7
        if not c & 0x80: return v, i
with open(sys.argv[1], "rb") as f:
    if f.read(4) != b"MAR1":  # a plain file (sbz diff): its own size
        f.seek(0, 2); print(f.tell()); sys.exit()
    f.seek(0); m = f.read()
(idx,) = struct.unpack(">I", m[4:8]); (size,) = struct.unpack(">I", m[idx:idx + 4])
i, end, best = idx + 4, idx + 4 + size, 0
while i < end:
    off, ln, _ = struct.unpack(">III", m[i:i + 12]); i = m.index(b"\0", i + 12) + 1
    e = m[off:off + ln]
    if e[:6] == b"\xfd7zXZ\x00" and e[-2:] == b"YZ":
        back = (struct.unpack("<I", e[-8:-4])[0] + 1) * 4
        j = len(e) - 12 - back + 1
        n, j = varint(e, j); total = 0
        for _ in range(n):
            _, j = varint(e, j); u, j = varint(e, j); total += u
        best = max(best, total)
    else:
        best = max(best, 8 * ln)  # bzip2 or unknown: assume a generous ratio
print(best)
PY
  elif [ -f "$p" ]; then
    echo $(( $(stat -c %s "$p") * 4 ))
  else
    echo 0
  fi
}

# sbz_heap_for ARGS...: the -Xmx for this command line.
sbz_heap_for() {
  local cmd=${1:-} a b largest mb rest factor=55
  case "$cmd" in
    partial|diff)
      shift; a= b=
      while [ $# -gt 0 ]; do
        case "$1" in
          -o|--cache-dir|-H|-V|--arch|--format|-f|--threads|--mode) shift 2; continue ;;
          --fast) factor=37; shift; continue ;;
          -*) shift; continue ;;
        esac
        if [ -z "$a" ]; then a=$1; elif [ -z "$b" ]; then b=$1; fi
        shift
      done
      largest=$(sbz_largest_file "${a:-}")
      [ "${largest:-0}" -gt 0 ] 2>/dev/null || { echo "${SBZ_HEAP_DEFAULT:--Xmx8g}"; return; }
      # The differ: 5.5 x the largest old file in exact mode (5.2 measured, plus room), 3.7 x with
      # --fast (2.8 measured, plus the patch applied in memory during verification). Then the
      # young generation (-Xmn128m in scripts/sbz) and the rest, 32 MiB, in exact mode: the heap
      # the JVM commits is resident, so every MiB here is one of peak RSS. --fast keeps 512 MiB
      # for its parallel blocks and verification. XZ for Java's encoders (~100 MB each, one per
      # core) run in the JVM when XZ Utils' xz is not used: 256 MiB more. At least 256 MiB.
      # Measured on both Firefox pairs (docs/benchmarks.md, "Partial memory").
      rest=160
      [ "$factor" = 37 ] && rest=512
      if ! command -v xz >/dev/null 2>&1 || [ "${SBZ_XZ:-}" = java ]; then rest=$((rest + 256)); fi
      mb=$(( largest * factor / 10 / 1048576 + rest ))
      [ "$mb" -ge 256 ] || mb=256
      echo "-Xmx${mb}m" ;;
    *) echo "${SBZ_HEAP_DEFAULT:--Xmx8g}" ;;
  esac
}
