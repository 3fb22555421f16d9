"""`/healthz`: whether the model backend is ready."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from service.api.deps import BackendDep

router = APIRouter()


@router.get("/healthz")
async def healthz(backend: BackendDep) -> JSONResponse:
    """Whether the model backend is ready to summarize: 200 `{"status": "ready", "backend"}`, else 503 with
    `status` "starting" or "failed". Answered on the event loop itself (it reads two attributes), not through
    the worker threads, where it would wait its turn behind articles being read."""
    body = {"status": backend.status, "backend": backend.kind}
    return JSONResponse(body, status_code=200 if backend.status == "ready" else 503)
