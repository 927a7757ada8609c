# One image recipe for every module: build the jars first (./mvnw -DskipTests package), then
#   docker build --build-arg MODULE=intake-service -t <registry>/intake-service:<tag> .
# The jar is extracted (dependencies apart from application classes, so pushes stay small) and a
# training run records the JDK's AOT cache, which about halves start-up (README, "Start-up").
ARG MODULE
FROM eclipse-temurin:25-jre AS extract
ARG MODULE
WORKDIR /build
COPY ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --destination app \
 && mv app/${MODULE}-0.1.0-SNAPSHOT-exec.jar app/app.jar

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /app
COPY --from=extract /build/app/lib/ ./lib/
COPY --from=extract /build/app/app.jar ./app.jar
# The training run uses the local profile (development keys, embedded store) only to record what a
# start loads and runs: it starts completely, idles a few seconds with nothing to serve, and exits
# (ADR 0615).
RUN java -XX:+UseSerialGC -XX:AOTCacheOutput=app.aot -Dcomplaints.training-run=true \
      -jar app.jar --server.port=0 --management.server.port=0 --spring.profiles.active=local \
 && chown -R 10001:10001 /app
USER 10001:10001
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
