# The BankID OIDC mock as a container: Debian slim, a non-root user, HTTPS from the mock's own CA.
#   docker build -t bankid-mock .
#   docker run --rm -p 8443:8443 -v bankid-mock:/data bankid-mock
# The CA to trust is written to /data/ca.pem (copy it out with `docker cp`). The mock advertises
# https://localhost:8443 unless --public-url says otherwise.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /opt/bankid-mock
COPY pyproject.toml README.md ./
COPY harness ./harness
COPY mock_provider ./mock_provider
COPY bankid_provisioning ./bankid_provisioning
COPY bankid_conformance ./bankid_conformance
COPY features ./features
RUN pip install . && useradd --system --uid 10001 --home-dir /data --create-home bankid \
    && chmod 0700 /data
USER bankid
VOLUME ["/data"]
EXPOSE 8443
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD python -c "import ssl, urllib.request; urllib.request.urlopen('https://localhost:8443/health', context=ssl.create_default_context(cafile='/data/ca.pem'), timeout=2)"
# 0.0.0.0 inside the container only: publish the port on the host's loopback (-p 127.0.0.1:8443:8443).
ENTRYPOINT ["bankid-mock", "--host", "0.0.0.0", "--port", "8443", "--tls", "--data-dir", "/data", "--public-url", "https://localhost:8443"]
