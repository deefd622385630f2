# One image for every role: `bakeops serve`, `bakeops worker`, `bakeops api`, `bakeops db upgrade`.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, in their own layer: code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p bakeops_ui services worker pages \
    && touch bakeops_ui/__init__.py services/__init__.py worker/__init__.py pages/__init__.py \
    && pip install . \
    && pip uninstall -y bakeops

COPY bakeops_ui ./bakeops_ui
COPY services ./services
COPY worker ./worker
COPY pages ./pages
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 baker \
    && mkdir -p /data && chown baker /data

USER baker
WORKDIR /data
EXPOSE 3000 9100
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/health', timeout=2)" || exit 1
CMD ["bakeops", "serve", "--host", "0.0.0.0", "--port", "3000"]
