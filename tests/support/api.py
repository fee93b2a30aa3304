"""A test client for /api/ that speaks with one person's bearer token."""

from __future__ import annotations

import io
import json
from typing import Any

from django.test import Client

from kehoach.web.models import ApiToken


class Api:
    def __init__(self, user: object) -> None:
        self.client = Client()
        self.key = ApiToken.issue(user)[1]
        self.headers = {"Authorization": f"Bearer {self.key}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get("/api" + path, params, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None) -> Any:
        """A JSON request: ``method`` is post, put or patch; no body sends ``{}``."""
        return getattr(self.client, method)(
            "/api" + path,
            json.dumps({} if body is None else body),
            content_type="application/json",
            headers=self.headers,
        )

    def post(self, path: str, body: Any = None) -> Any:
        return self.send("post", path, body)

    def put(self, path: str, body: Any) -> Any:
        return self.send("put", path, body)

    def patch(self, path: str, body: Any) -> Any:
        return self.send("patch", path, body)

    def delete(self, path: str) -> Any:
        return self.client.delete("/api" + path, headers=self.headers)

    def post_file(self, path: str, name: str, data: bytes) -> Any:
        upload = io.BytesIO(data)
        upload.name = name
        return self.client.post("/api" + path, {"file": upload}, headers=self.headers)
