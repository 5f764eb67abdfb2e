# The localize image the API processes and the workers of docker-compose.yml run.
FROM python:3.11-slim
WORKDIR /app
# torch's CPU build first, from PyTorch's index; PyPI's default build carries CUDA (several GB).
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY localize ./localize
COPY api ./api
COPY tools ./tools
COPY market_rules ./market_rules
COPY glossaries ./glossaries
COPY models ./models
RUN pip install --no-cache-dir .
ENV LOCALIZE_MARKET_RULES=/app/market_rules LOCALIZE_GLOSSARIES=/app/glossaries
USER nobody
