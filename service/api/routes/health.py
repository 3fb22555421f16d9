"""`/healthz`: whether the model backend is ready."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from schemas.api import Health
from service.api.deps import BackendDep

router = APIRouter()


@router.get("/healthz", response_model=Health,
            responses={503: {"model": Health, "description": "The model backend is starting, or failed to start"}})
async def healthz(backend: BackendDep) -> JSONResponse:
    """Whether the model backend is ready to summarize: 200 `{"status": "ready", "backend"}`, else 503 with
    `status` "starting" or "failed". Answered on the event loop itself (it reads two attributes), not through
    the worker threads, where it would wait its turn behind articles being read."""
    health = Health(status=backend.status, backend=backend.kind)
    return JSONResponse(health.model_dump(mode="json"), status_code=200 if health.status == "ready" else 503)
