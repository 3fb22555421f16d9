"""The routes' shared dependencies, declared once as `Annotated` types (FastAPI's "Bigger Applications" guide;
full-stack-fastapi-template's `api/deps.py`). Each reads what `create_app` put on `app.state`, so a test can
replace any of them with `app.dependency_overrides[get_backend] = ...`.

They are `async` on purpose: FastAPI runs a sync dependency in a worker thread, a hop every request would pay.
"""

from typing import Annotated

from fastapi import Depends, Request

from service.api.admission import CANCEL_KEY
from service.cancellation import CancelToken
from service.library.store import Store
from service.model.backend import Backend
from service.settings import Settings


async def get_app_settings(request: Request) -> Settings:
    """The app's settings (`create_app`'s, by default `service.settings.get_settings()`)."""
    return request.app.state.settings


async def get_backend(request: Request) -> Backend:
    """The app's model backend; while it starts or after it failed, its calls raise `BackendUnavailable` (503)."""
    return request.app.state.backend


async def get_store(request: Request) -> Store:
    """The app's summary store."""
    return request.app.state.store


async def get_cancel_token(request: Request) -> CancelToken:
    """The request's `CancelToken`, set by `Admission` for the routes that run the model (a fresh one elsewhere)."""
    return request.scope.get(CANCEL_KEY) or CancelToken()


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
BackendDep = Annotated[Backend, Depends(get_backend)]
StoreDep = Annotated[Store, Depends(get_store)]
CancelDep = Annotated[CancelToken, Depends(get_cancel_token)]
