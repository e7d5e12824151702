#!/usr/bin/env bash
# Runs `sspvs batch` on a real Spark standalone cluster on this machine (a master and a worker, each its own JVM;
# the executor is a third), submitted with spark-submit exactly as docs/batch.md says, with Spark's own jars from
# Maven Central standing in for a Spark distribution. Not part of the test suite (it starts daemons and resolves
# Spark's jars into a folder of their own); run it by hand after `mvn -B -DskipTests package`:
#
#   tools/spark_standalone_check.sh INPUT OUT -- --model CKPT [batch options...]
#
# It leaves the cluster's logs in $WORK (default /tmp/sspvs-spark-standalone) and stops both daemons at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
input="$1"; out="$2"; shift 2; [ "${1:-}" = "--" ] && shift
work="${WORK:-/tmp/sspvs-spark-standalone}"
export SPARK_HOME="$work/spark" SPARK_SCALA_VERSION=2.13
mkdir -p "$SPARK_HOME/jars" "$work/resolve"
# a Spark "distribution": spark-sql_2.13 4.0.1 and its dependencies, as Maven resolves them on their own
if [ -z "$(ls "$SPARK_HOME/jars")" ]; then
  cat > "$work/resolve/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>spark-only</artifactId><version>1</version>
<dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId>
<version>4.0.1</version></dependency></dependencies></project>
POM
  (cd "$work/resolve" && mvn -B -q dependency:copy-dependencies -DoutputDirectory="$SPARK_HOME/jars")
fi
echo "Spark 4.0.1 from Maven Central (local check)" > "$SPARK_HOME/RELEASE" # the worker's launcher wants a release
opens=()
for p in java.lang java.lang.invoke java.nio java.util sun.nio.ch sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
java "${opens[@]}" -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
  --port 7077 --webui-port 8091 >"$work/master.log" 2>&1 &
master=$!
sleep 8
java "${opens[@]}" -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077 \
  --host 127.0.0.1 --cores 2 --memory 4g --webui-port 8092 --work-dir "$work/worker" >"$work/worker.log" 2>&1 &
worker=$!
trap 'kill $worker $master 2>/dev/null || true' EXIT
sleep 8
# the command of docs/batch.md; spark-submit is `java -cp $SPARK_HOME/jars/* org.apache.spark.deploy.SparkSubmit`
export PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cpu
java "${opens[@]}" -Dai.djl.offline=true -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
  --master spark://127.0.0.1:7077 --class sspvs.spark.cli.BatchMain \
  --jars "$(ls "$root"/spark/target/lib/*.jar | paste -sd,)" \
  --conf spark.executorEnv.PYTORCH_VERSION=2.7.1 --conf spark.executorEnv.PYTORCH_FLAVOR=cpu \
  --conf spark.executor.extraJavaOptions=-Dai.djl.offline=true --executor-memory 3g \
  "$root/spark/target/sspvs-spark.jar" "$input" --out "$out" "$@"
