# The Vais package registry (`vais-registry serve`). Data (SQLite DB + archives) lives in the /data volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install . \
    && rm -rf /src \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin vais \
    && mkdir -p /data \
    && chown vais:vais /data

USER vais
WORKDIR /data
ENV DATABASE_URL=sqlite:////data/registry.db \
    STORAGE_URL=/data/archives \
    HOST=0.0.0.0 \
    PORT=8080
VOLUME ["/data"]
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["vais-registry", "healthcheck"]
CMD ["vais-registry", "serve"]
