# Production image: gunicorn behind your HTTPS proxy, static files served by whitenoise.
#   docker build -t atlas-des-communs .
#   docker run --env-file .env atlas-des-communs migrate
#   docker run --env-file .env -p 8000:8000 atlas-des-communs
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=atlas.settings.production \
    PORT=8000

RUN useradd --create-home --uid 1000 atlas
WORKDIR /app

# Locked dependencies, resolved from pyproject.toml (make lock).
COPY requirements/base.txt requirements/base.txt
RUN pip install --requirement requirements/base.txt

COPY --chown=atlas:atlas . .
# The same build steps as tests/test_release.py runs in CI.
RUN bin/release-build && mkdir -p media && chown -R atlas:atlas /app

USER atlas
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "bin/healthcheck"]
ENTRYPOINT ["bin/docker-entrypoint"]
CMD ["serve"]
