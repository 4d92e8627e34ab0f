# BusManager API for the office Raspberry Pi (linux/arm64) and ordinary PCs (linux/amd64):
#   docker build -t busmanager .            (or: docker buildx build --platform linux/arm64,linux/amd64 ...)
# Stage 1 builds the fat jar and a Java runtime cut down to the modules the jar uses; stage 2 is Debian
# slim with that runtime, PostgreSQL's client programs (for `backup`/`restore`) and nothing else.

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

# The modules the jar needs, as `jdeps --print-module-deps --ignore-missing-deps --multi-release 25` reports
# them for target/busmanager.jar, except java.desktop: its only user is the PostgreSQL driver's PGpoint
# (java.awt.Point conversions for geometric columns), which BusManager never reads; leaving it out saves
# about 15 MB. The check below fails the build when a new dependency needs a module missing here.
ARG JLINK_MODULES=java.base,java.management,java.naming,java.security.jgss,java.sql,jdk.httpserver
RUN found=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 25 target/busmanager.jar) \
 && echo "jdeps: $found" \
 && for m in $(echo "$found" | tr ',' ' '); do \
      case ",$JLINK_MODULES,java.desktop," in *",$m,"*) ;; \
        *) echo "module $m is needed by the jar but not in JLINK_MODULES" >&2; exit 1 ;; esac; \
    done \
 && jlink --add-modules "$JLINK_MODULES" --strip-debug --no-man-pages --no-header-files \
      --generate-cds-archive --output /opt/jre

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin busmanager \
 && mkdir -p /data/uploads /data/backups /app \
 && chown -R busmanager:busmanager /data
COPY --from=build /opt/jre /opt/jre
COPY --from=build /src/target/busmanager.jar /app/busmanager.jar
COPY deploy/docker-entrypoint.sh /usr/local/bin/busmanager
COPY deploy/healthcheck.sh /usr/local/bin/busmanager-healthcheck

# The launch flags of run.sh (see BENCHMARKS.md); JAVA_OPTS replaces them as a whole.
ENV PATH=/opt/jre/bin:$PATH \
    MALLOC_ARENA_MAX=2 \
    JAVA_OPTS="-XX:+UseSerialGC -Xms8m -Xmx28m -XX:MaxHeapFreeRatio=40 -XX:-ShrinkHeapInSteps -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError" \
    PORT=8000 \
    UPLOAD_DIR=/data/uploads \
    BACKUP_DIR=/data/backups

USER busmanager
WORKDIR /data
VOLUME ["/data/uploads", "/data/backups"]
EXPOSE 8000
# GET http://127.0.0.1:$PORT/health with bash alone (no curl in the image; a second JVM would cost ~45 MB
# inside the memory limit).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["busmanager-healthcheck"]
ENTRYPOINT ["busmanager"]
CMD ["serve"]
