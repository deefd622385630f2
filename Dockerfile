# One image for every role: `bakeops serve`, `bakeops worker`, `bakeops api`, `bakeops db upgrade`.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, in their own layer: code changes do not reinstall them. Exactly the lock, every file
# hash-checked, wheels only: the slim image has no compiler and needs none.
COPY requirements.txt ./
RUN pip install --require-hashes --no-deps --only-binary :all: -r requirements.txt && pip check

# The project alone: its dependencies and its build backend (setuptools) came from the lock above, so the
# build fetches nothing.
COPY pyproject.toml README.md ./
COPY bakeops_ui ./bakeops_ui
COPY services ./services
COPY worker ./worker
COPY pages ./pages
RUN pip install --no-deps --no-build-isolation . \
    && rm -rf build ./*.egg-info \
    && useradd --create-home --uid 10001 baker \
    && mkdir -p /data && chown baker /data

USER baker
WORKDIR /data
EXPOSE 3000 9100
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/health', timeout=2)" || exit 1
CMD ["bakeops", "serve", "--host", "0.0.0.0", "--port", "3000"]
