# The registry API image (used by docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY registry ./registry
COPY ingest ./ingest
COPY api ./api
RUN pip install --no-cache-dir . && useradd --create-home registry
USER registry
EXPOSE 8000
CMD ["registry", "serve", "--host", "0.0.0.0", "--port", "8000"]
