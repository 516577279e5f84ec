# syntax=docker/dockerfile:1

# Builder: the wheel (the tools/ apps and the packs/ catalog go inside it) and a virtualenv holding it and its
# dependencies. Only the virtualenv reaches the final image.
FROM python:3.11-slim AS builder

WORKDIR /src
COPY pyproject.toml README.md ./
COPY mcp_gateway ./mcp_gateway
COPY tools ./tools
COPY packs ./packs
RUN pip wheel --no-cache-dir --disable-pip-version-check --no-deps --wheel-dir /wheels . \
    && python -m venv --without-pip /opt/venv \
    && pip --python /opt/venv/bin/python install --no-cache-dir --disable-pip-version-check /wheels/*.whl


FROM python:3.11-slim

# A fixed numeric UID: volumes keep their owner across image versions, and runAsNonRoot can check it.
RUN groupadd --system --gid 10001 gateway \
    && useradd --system --uid 10001 --gid gateway --home-dir /data --no-create-home --shell /usr/sbin/nologin gateway \
    && install --directory --owner=gateway --group=gateway --mode=0700 /data

COPY --from=builder /opt/venv /opt/venv

# /data holds the SQLite database, the generated secret key and local files; with PostgreSQL,
# MCP_GATEWAY_SECRET_KEY and the s3 file store it may stay empty.
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MCP_GATEWAY_DATA_DIR=/data
VOLUME ["/data"]

USER 10001:10001
EXPOSE 8080

# On SIGTERM the gateway stops taking new work, drains what is in flight (MCP_GATEWAY_DRAIN_SECONDS)
# and exits; give the container a stop timeout above that.
STOPSIGNAL SIGTERM
# Slim images have no curl: the image's own Python asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
CMD ["mcp-gateway", "serve", "--host", "0.0.0.0", "--port", "8080"]
