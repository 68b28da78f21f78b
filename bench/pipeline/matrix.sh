#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Release-matrix benchmark of the Spark pipeline (issue #17): every (platform, from-version,
# locale) partial of one release, on one storage root.
#
#   bench/pipeline/matrix.sh prepare        complete MARs and the request files
#   bench/pipeline/matrix.sh cold [ARGS]    half the locales, empty storage root
#   bench/pipeline/matrix.sh warm [ARGS]    the other half, same root (only langpack pairs are new)
#   bench/pipeline/matrix.sh again [ARGS]   every request once more: must recompute nothing
#   bench/pipeline/matrix.sh mozilla        Mozilla's way on one locale per (platform, from)
#   bench/pipeline/matrix.sh explode        explode alone (ExplodeKnown.java, no Spark): the en-US
#                                           MAR on an empty root in one JVM, then 5 locale MARs of
#                                           the same build in a fresh JVM (entries known but one)
#   bench/pipeline/matrix.sh stats          the runs table (scripts/sbz results --runs)
# ARGS go to the submit script (e.g. --spark-conf spark.master=local[2]).
#
# Data: ../shared/bench/get-debian-builds.sh DEST firefox-esr LOCALE... (and SBZ_DEB_ARCH=arm64
# for DEST/firefox-esr-arm64), i.e. $SBZ_MATRIX_DATA/<package>/{minor,major}/{old,new} and
# .../locales/<locale>/{old,new}. The release: to = minor/new (the newest 153.x, trixie), from =
# minor/old (153.5.1esr) and major/old (140.12.0esr); major/new is another build of the same
# version (bookworm) and is not used: a release has one "to" build per platform. Platforms:
# firefox-esr = linux-x86_64, firefox-esr-arm64 = linux-aarch64, each if present. Locales: en-US
# (the plain build) plus every langpack present for all three builds of every platform.
#
# `prepare` builds, per platform and build, the en-US complete MAR with `sbz complete` and every
# locale's with `sbz complete --reuse` from it (the build with the langpack copied on top), then
# writes requests-{cold,warm,all}.csv: cold = the first half of the locales (en-US first), warm =
# the rest, each for every platform and from-version. `again` runs requests-all.csv.
# `mozilla` unwraps both complete MARs with ../shared/oracle/tools/unwrap_mar.sh and runs
# ../shared/oracle/run-partial.sh, each under /usr/bin/time -v, for the first cold locale that
# is not en-US (SBZ_MATRIX_MOZILLA_LOCALE) of every (platform, from-version); rows go to
# $out/mozilla.tsv; SBZ_MATRIX_MOZILLA_PLATFORM=linux-x86_64 (or linux-aarch64) limits it to one
# platform, so that the two can run at once, one per core. Pipeline rows go to $out/results.tsv (bench/pipeline/run.sh run).
# Env: SBZ_MATRIX_DATA (default /root/.cache/sbz-matrix), SBZ_MATRIX_OUT (default
# /tmp/sbz-matrix), SBZ_MATRIX_SBZ (the sbz launcher for prepare, default scripts/sbz),
# SBZ_SUBMIT as run.sh. Build first: mvn -B -q -DskipTests package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
oracle=$(cd "$repo/../shared/oracle" 2>/dev/null && pwd || true)
data=${SBZ_MATRIX_DATA:-/root/.cache/sbz-matrix}
out=${SBZ_MATRIX_OUT:-/tmp/sbz-matrix}
export SBZ_BENCH_OUT=$out SBZ_BENCH_ROOT=$out/store
mkdir -p "$out"
channel=firefox-mozilla-esr
sbz=${SBZ_MATRIX_SBZ:-$repo/scripts/sbz}

version() { awk -F= '/^Version=/{print $2; exit}' "$1/application.ini"; }

# platform directories present, as "PACKAGE-DIR PLATFORM"
platforms() {
  local d
  for d in firefox-esr:linux-x86_64 firefox-esr-arm64:linux-aarch64; do
    [ -f "$data/${d%%:*}/minor/new/application.ini" ] && [ -f "$data/${d%%:*}/major/old/application.ini" ] \
      && echo "${d%%:*} ${d#*:}"
  done
  return 0
}

# build KIND: the tree and langpack side of the release's "to" and two "from" builds
tree_of() { case $1 in to) echo minor/new ;; minor) echo minor/old ;; major) echo major/old ;; esac; }
lang_of() { case $1 in to) echo minor/locales/%s/new ;; minor) echo minor/locales/%s/old ;; major) echo major/locales/%s/old ;; esac; }

# locales with a langpack for all three builds of every platform, sorted; en-US first
locales() {
  local first=1 pkg plat loc kind ok all=()
  while read -r pkg plat; do
    local here_locs=()
    for loc in $(ls "$data/$pkg/minor/locales" 2>/dev/null); do
      ok=1
      for kind in to minor major; do
        # shellcheck disable=SC2059
        [ -d "$data/$pkg/$(printf "$(lang_of $kind)" "$loc")" ] || ok=0
      done
      [ $ok = 1 ] && here_locs+=("$loc")
    done
    if [ $first = 1 ]; then all=("${here_locs[@]}"); first=0; else
      all=($(comm -12 <(printf '%s\n' "${all[@]}" | sort) <(printf '%s\n' "${here_locs[@]}" | sort)))
    fi
  done < <(platforms)
  echo en-US
  printf '%s\n' "${all[@]}" | sort
}

arch_of() { case $1 in linux-x86_64) echo x86_64 ;; *) echo aarch64 ;; esac; }
mar_of() { echo "$out/mars/$1/$2/$3.complete.mar"; } # PLATFORM KIND LOCALE

prepare() {
  local pkg plat kind loc tree base mar v t0
  local locs=($(locales))
  [ -n "$(platforms)" ] || { echo "matrix.sh: no builds under $data" >&2; exit 1; }
  echo "locales (${#locs[@]}): ${locs[*]}" >&2
  printf 'step\tplatform\tbuild\tlocales\twall_s\tloadavg\n' > "$out/prepare.tsv"
  while read -r pkg plat; do
    for kind in to minor major; do
      tree=$data/$pkg/$(tree_of $kind)
      v=$(version "$tree")
      base=$(mar_of "$plat" "$kind" en-US)
      mkdir -p "$(dirname "$base")" "$out/trees"
      t0=$(date +%s)
      [ -s "$base" ] || "$sbz" complete "$tree" -o "$base" -H "$channel" -V "$v" \
        --arch "$(arch_of "$plat")" --write-precomplete
      printf 'base\t%s\t%s\t1\t%s\t%s\n' "$plat" "$kind" $(($(date +%s) - t0)) \
        "$(cut -d' ' -f1 /proc/loadavg)" >> "$out/prepare.tsv"
      t0=$(date +%s)
      for loc in "${locs[@]:1}"; do
        mar=$(mar_of "$plat" "$kind" "$loc")
        [ -s "$mar" ] && continue
        local t=$out/trees/$plat-$kind-$loc
        rm -rf "$t"
        cp -al "$tree" "$t"                                  # hard links: no copy of 290 MB
        # shellcheck disable=SC2059
        cp -r --remove-destination "$data/$pkg/$(printf "$(lang_of $kind)" "$loc")/." "$t/"
        "$sbz" complete "$t" -o "$mar" -H "$channel" -V "$v" --write-precomplete \
          --arch "$(arch_of "$plat")" --reuse "$base"
        rm -rf "$t"
      done
      printf 'reuse\t%s\t%s\t%s\t%s\t%s\n' "$plat" "$kind" $((${#locs[@]} - 1)) \
        $(($(date +%s) - t0)) "$(cut -d' ' -f1 /proc/loadavg)" >> "$out/prepare.tsv"
    done
  done < <(platforms)
  local n=${#locs[@]} half=$(((${#locs[@]} + 1) / 2))
  write_requests "$out/requests-cold.csv" "${locs[@]:0:half}"
  write_requests "$out/requests-warm.csv" "${locs[@]:half}"
  write_requests "$out/requests-all.csv" "${locs[@]}"
  echo "prepared $n locales x $(platforms | wc -l) platforms x 2 from-versions;" \
    "requests in $out/requests-{cold,warm,all}.csv" >&2
}

write_requests() { # FILE LOCALE...
  local file=$1 loc pkg plat kind o n; shift
  echo 'product,platform,locale,from_version,to_version,from_url,to_url,from_sha512,to_sha512' > "$file"
  while read -r pkg plat; do
    for kind in minor major; do
      for loc in "$@"; do
        o=$(mar_of "$plat" "$kind" "$loc") n=$(mar_of "$plat" to "$loc")
        printf 'firefox-esr,%s,%s,%s,%s,file:%s,file:%s,%s,%s\n' "$plat" "$loc" \
          "$(version "$data/$pkg/$(tree_of $kind)")" "$(version "$data/$pkg/$(tree_of to)")" \
          "$o" "$n" "$(sha512 "$o")" "$(sha512 "$n")" >> "$file"
      done
    done
  done < <(platforms)
}

sha512() { # cached next to the MAR: the MARs do not change once built
  [ -s "$1.sha512" ] && [ "$1.sha512" -nt "$1" ] || sha512sum < "$1" | cut -d' ' -f1 > "$1.sha512"
  cat "$1.sha512"
}

pipeline() { # NAME REQUESTS [ARGS]
  local name=$1 requests=$2; shift 2
  [ -f "$requests" ] || { echo "matrix.sh: $requests missing; run: matrix.sh prepare" >&2; exit 1; }
  "$here/run.sh" run "matrix-$name" "$requests" "$@"
}

timed() { # TIMEFILE CMD...: runs CMD under GNU time; prints its wall seconds
  local tf=$1; shift
  /usr/bin/time -v -o "$tf" "$@" > "$tf.log" 2>&1 || { tail -5 "$tf.log" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tf"
}

cpu_of() { awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{print u+s}' "$1"; }

mozilla() {
  [ -x "$oracle/run-partial.sh" ] || { echo "matrix.sh: Mozilla's tools not found beside the repo" >&2; exit 1; }
  local locs=($(locales)) loc=${SBZ_MATRIX_MOZILLA_LOCALE:-} pkg plat kind w dir
  [ -n "$loc" ] || loc=${locs[1]:-en-US}
  local tsv=$out/mozilla.tsv
  [ -f "$tsv" ] || printf 'platform\tfrom\tlocale\tunwrap_from_s\tunwrap_to_s\tpartial_s\tpartial_cpu_s\tpartial_bytes\ttotal_s\tloadavg_before\tloadavg_after\n' > "$tsv"
  while read -r pkg plat; do
    [ -z "${SBZ_MATRIX_MOZILLA_PLATFORM:-}" ] || [ "$plat" = "$SBZ_MATRIX_MOZILLA_PLATFORM" ] || continue
    for kind in minor major; do
      w=$out/mozilla/$plat-$kind-$loc
      rm -rf "$w"; mkdir -p "$w"
      local load0 uf ut p from to
      load0=$(cut -d' ' -f1 /proc/loadavg)
      from=$(version "$data/$pkg/$(tree_of $kind)") to=$(version "$data/$pkg/$(tree_of to)")
      uf=$(timed "$w/unwrap-from.time" "$oracle/tools/unwrap_mar.sh" "$(mar_of "$plat" "$kind" "$loc")" "$w/from")
      ut=$(timed "$w/unwrap-to.time" "$oracle/tools/unwrap_mar.sh" "$(mar_of "$plat" to "$loc")" "$w/to")
      RUN_PARTIAL_WORKDIR=$w "$oracle/run-partial.sh" "$w/from" "$w/to" "$w/partial.mar" \
        "$channel" "$to" > "$w/partial.log" 2>&1 || { tail -5 "$w/partial.log" >&2; exit 1; }
      p=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$w/partial.mar.time")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$plat" "$from" "$loc" "$uf" "$ut" "$p" \
        "$(cpu_of "$w/partial.mar.time")" "$(stat -c %s "$w/partial.mar")" \
        "$(awk -v a="$uf" -v b="$ut" -v c="$p" 'BEGIN{print a+b+c}')" "$load0" \
        "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$tsv"
      rm -rf "$w/from" "$w/to"
    done
  done < <(platforms)
}

explode() {
  . "$repo/scripts/java-opts.sh"
  local cp r=$out/explode-store plat=linux-x86_64 locs=($(locales)) mars=() loc
  cp=$(sbz_classpath jobs)
  # the job's JVMs map the class-data archive (scripts/java-opts.sh) once a run has written it;
  # so do these, when it is current, and the output says which
  sbz_cds jobs
  echo "== class-data archive: ${SBZ_CDS_OPTS[*]:-none (run scripts/submit/local.sh once after a build)}"
  rm -rf "$r"
  for loc in "${locs[@]:1:5}"; do mars+=("$(mar_of "$plat" to "$loc")"); done
  echo "== first JVM: en-US on an empty root (load $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v -o "$out/explode-first.time" "$SBZ_JAVA" "${SBZ_CDS_OPTS[@]}" -cp "$cp" \
    "$here/ExplodeKnown.java" \
    "$r" "$(mar_of "$plat" to en-US)"
  echo "== second JVM: ${locs[*]:1:5} (load $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v -o "$out/explode-known.time" "$SBZ_JAVA" "${SBZ_CDS_OPTS[@]}" -cp "$cp" \
    "$here/ExplodeKnown.java" \
    "$r" "${mars[@]}"
  grep -E 'Elapsed|User time|System time' "$out/explode-first.time" "$out/explode-known.time"
}

case ${1:-} in
  prepare) prepare ;;
  cold) shift; pipeline cold "$out/requests-cold.csv" "$@" ;;
  warm) shift; pipeline warm "$out/requests-warm.csv" "$@" ;;
  again) shift; pipeline again "$out/requests-all.csv" "$@" ;;
  mozilla) mozilla ;;
  explode) explode ;;
  locales) locales ;;
  stats) "$repo/scripts/sbz" results --storage-root "$out/store" --runs ;;
  *) sed -n 3,35p "$0"; exit 2 ;;
esac
