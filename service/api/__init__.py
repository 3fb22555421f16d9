"""The HTTP API: `POST /v1/summaries`, `POST /v1/memos`, the library, the web page, `GET /healthz`, the OpenAPI
description at `/openapi.json`. `service.api.app.create_app` builds it; each resource has its router in
`service.api.routes`.

Every error is JSON with a readable `error` message and the right status: 400 a `Host` this server does not
answer or a body JSON cannot read, 401 no valid API key, 403 a request from another site, 404, 405, 415 a body that
is not JSON, 422 bad input, 413 too large, 429 too many requests (with `Retry-After`), 503 backend not ready (with
`Retry-After`), 502/504 model failures or a request over its time, 500 anything unexpected. Never a stack trace, a
key or prompt text.
"""
