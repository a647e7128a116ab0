# Shared by the launchers in jobs/: finds the application jar and runs a cam-audit command,
# through spark-submit when SPARK_HOME is set (audit only), else in a local JVM on the Spark jars
# Maven resolved. Sourced, not run.

CAM_AUDIT_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The build folder: target/ for the default Spark line, target/<line>/ for another (pom.xml).
CAM_AUDIT_BUILD_DIR="${CAM_AUDIT_BUILD_DIR:-$CAM_AUDIT_HOME/target}"

# The application jar: $CAM_AUDIT_JAR, or the one `mvn package` built.
cam_audit_jar() {
  if [[ -n "${CAM_AUDIT_JAR:-}" ]]; then
    echo "$CAM_AUDIT_JAR"
    return
  fi
  local jar
  jar=$(ls "$CAM_AUDIT_BUILD_DIR"/cam-audit_*-app.jar 2>/dev/null | head -n 1)
  if [[ -z "$jar" ]]; then
    echo "No application jar in $CAM_AUDIT_BUILD_DIR: run 'mvn -B -DskipTests package' first." >&2
    return 1
  fi
  echo "$jar"
}

# libtorch allocates heavily; with jemalloc and these settings it ran about 2x faster here than on
# glibc's malloc (docs/benchmarks.md). Used when Debian's libjemalloc2 is installed.
use_jemalloc() {
  local lib=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
  if [[ -f "$lib" && "${LD_PRELOAD:-}" != *jemalloc* ]]; then
    export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
    export MALLOC_CONF="${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1,narenas:2}"
  fi
}

# Class data sharing (the JDK's CDS): a local audit maps the classes that an earlier audit loaded
# from an archive instead of reading and verifying them from the jars again, about 4 s of every run
# here (docs/benchmarks.md). The archive belongs to this JVM, jar and classpath; the first audit
# with them that exits with 0 writes it as it exits (that run takes longer, once), into a temporary
# file that replaces the archive only then (a truncated archive crashes the JVM). CAM_AUDIT_CDS=0
# turns sharing off.
cds_archive() {
  local classpath="$1" jar="$2" java key
  java=$(readlink -f "$(command -v java)")
  # The JVM's path and time (an upgrade in place changes the time), the classpath, the jar's time.
  key=$(printf '%s\n' "$java" "$(stat -c %Y "$java")" "$classpath" "$(stat -c %Y.%s "$jar")" \
    | sha256sum | cut -c1-16)
  echo "${CAM_AUDIT_CACHE_DIR:-$HOME/.cache/cam-audit}/cds/$key.jsa"
}

# Whether the arguments ask only for help or the version (such a run would archive few classes).
asks_for_help() {
  local arg
  for arg in "$@"; do
    case "$arg" in -h | --help | -V | --version) return 0 ;; esac
  done
  return 1
}

# Runs `cam-audit "$@"` in a local JVM: Spark in local mode unless spark.master is set.
cam_audit_local() {
  local jar classpath_file="$CAM_AUDIT_BUILD_DIR/spark-classpath.txt"
  jar=$(cam_audit_jar) || return 1
  if [[ ! -f "$classpath_file" ]]; then
    echo "No $classpath_file: run 'mvn -B -DskipTests package' first." >&2
    return 1
  fi
  export OPT_OUT_TRACKING=true DJL_OFFLINE=true
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  use_jemalloc
  local work="${CAM_AUDIT_WORK_DIR:-$CAM_AUDIT_HOME/target/work}"
  mkdir -p "$work/tmp"
  # Absolute: native libraries (OpenCV's) are extracted under java.io.tmpdir and loaded by path.
  work="$(cd "$work" && pwd)"
  export SPARK_LOCAL_DIRS="${SPARK_LOCAL_DIRS:-$work/tmp}"
  # Local mode runs driver and executor in this JVM. A 1 GB heap was enough for every run measured
  # here (the manifest and results spill to disk) and keeps the process near 1.5 GB with libtorch
  # (docs/benchmarks.md); JAVA_OPTS="-Xmx…" overrides it.
  local heap="-Xmx1g"
  [[ "${JAVA_OPTS:-}" == *-Xmx* ]] && heap=""
  local classpath archive="" cds=()
  classpath="$jar:$(cat "$classpath_file")"
  if [[ "${CAM_AUDIT_CDS:-1}" != 0 && "${1:-}" == audit ]] && ! asks_for_help "$@"; then
    archive=$(cds_archive "$classpath" "$jar")
    if [[ -f "$archive" ]]; then
      cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off)
      archive=""
    else
      mkdir -p "$(dirname "$archive")"
      cds=(-XX:ArchiveClassesAtExit="$archive.$$.partial" -Xlog:cds=off)
    fi
  fi
  # $heap and JAVA_OPTS are split into words on purpose.
  # shellcheck disable=SC2206
  local java_command=(java @"$CAM_AUDIT_HOME/conf/jvm.options" $heap
    -Dlog4j2.configurationFile="$CAM_AUDIT_HOME/conf/log4j2.properties"
    -Djava.io.tmpdir="$work/tmp" -Dspark.ui.showConsoleProgress=false "${cds[@]}"
    ${JAVA_OPTS:-} -cp "$classpath" io.camaudit.cli.Main "$@")
  if [[ -z "$archive" ]]; then
    exec "${java_command[@]}"
  fi
  local status=0
  "${java_command[@]}" || status=$?
  if [[ $status == 0 && -s "$archive.$$.partial" ]]; then
    mv -f "$archive.$$.partial" "$archive"
    find "$(dirname "$archive")" -name '*.jsa' ! -name "$(basename "$archive")" -delete
  fi
  rm -f "$archive.$$.partial"
  return $status
}

# The words of $CAM_AUDIT_SUBMIT_ARGS, one per line of output as `printf %q` quotes them: split as a
# shell splits a command line ("…", '…' and \ group and escape) but never expanded, so $VAR, $(…),
# globs and ~ reach spark-submit as written. xargs does the splitting. Fails on an unmatched quote.
submit_args_quoted() {
  printf '%s' "${CAM_AUDIT_SUBMIT_ARGS:-}" | xargs -r printf '%q\n' 2>/dev/null || {
    echo "Invalid CAM_AUDIT_SUBMIT_ARGS: unmatched quote in: $CAM_AUDIT_SUBMIT_ARGS" >&2
    return 2
  }
}

# Runs `cam-audit "$@"` through $SPARK_HOME/bin/spark-submit; options for spark-submit itself go in
# $CAM_AUDIT_SUBMIT_ARGS, quoted as on a command line, for example
# --master yarn --conf "spark.driver.extraJavaOptions=-Da=1 -Db=2". Nothing else is added: the job
# turns DJL's offline switches on in every JVM itself, so the cluster's extraJavaOptions stand.
cam_audit_submit() {
  local jar quoted
  jar=$(cam_audit_jar) || return 1
  quoted=$(submit_args_quoted) || return 2
  # Every word is quoted by printf %q: eval only turns the lines back into words.
  local submit_args=()
  eval "submit_args=($quoted)"
  exec "$SPARK_HOME/bin/spark-submit" --class io.camaudit.cli.Main \
    "${submit_args[@]}" "$jar" "$@"
}
