# Hallpass: the server and the built SPA in one small image.
# Build stage: the same scripts a developer uses (scripts/setup-web.sh installs the wasm tools).
FROM rust:1.95-bookworm AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/setup-web.sh build \
    && scripts/build-web.sh \
    && cargo build --release --locked -p hallpass-api

FROM debian:bookworm-slim
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /data --uid 10001 hallpass \
    && mkdir -p /data && chown hallpass /data
COPY --from=build /src/target/release/hallpass /usr/local/bin/hallpass
COPY --from=build /src/dist /app/dist
USER hallpass
ENV HALLPASS_BIND=0.0.0.0:8080 \
    HALLPASS_DATA_DIR=/data \
    HALLPASS_WEB_DIR=/app/dist
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["hallpass"]
CMD ["serve"]
