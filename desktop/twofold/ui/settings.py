"""Persisted preferences, declared in one place with their types and defaults (QSettings)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "Twofold"
APPLICATION = "twofold"
MAX_RECENT = 8


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One preference: its key, default and type."""

    key: str
    default: T
    kind: type


RECENT_FOLDERS: Setting[list[str]] = Setting("recent/folders", [], list)
GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray(), QByteArray)
THEME: Setting[str] = Setting("view/theme", "system", str)
ZOOM: Setting[int] = Setting("view/zoom", 0, int)
FOLLOW_LEFT: Setting[bool] = Setting("view/follow_left_order", False, bool)
COLOUR_KEY: Setting[bool] = Setting("view/colour_key", True, bool)
READ_AHEAD: Setting[bool] = Setting("engine/read_ahead", True, bool)
LESS_CERTAIN: Setting[bool] = Setting("view/less_certain_divergences", True, bool)


def _store() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANIZATION, APPLICATION)


def load(setting: Setting[T]) -> T:
    """The stored value of `setting`, or its default when absent or malformed."""
    raw: Any = _store().value(setting.key, None)
    if raw is None:
        return setting.default
    try:
        if setting.kind is list:
            # INI storage hands back a single-item list as a plain string.
            return list(raw) if isinstance(raw, (list, tuple)) else [str(raw)]  # type: ignore[return-value]
        if setting.kind is bool:
            return (raw if isinstance(raw, bool) else str(raw).lower() == "true")  # type: ignore[return-value]
        if setting.kind is QByteArray:
            return raw if isinstance(raw, QByteArray) else setting.default
        return setting.kind(raw)  # type: ignore[no-any-return]
    except (TypeError, ValueError):
        return setting.default


def save(setting: Setting[T], value: T) -> None:
    """Store `value` for `setting`."""
    _store().setValue(setting.key, value)


def remember_folder(folder: str) -> list[str]:
    """Put `folder` first in the recent folders list and return the list."""
    recent = [f for f in load(RECENT_FOLDERS) if f != folder]
    recent.insert(0, folder)
    del recent[MAX_RECENT:]
    save(RECENT_FOLDERS, recent)
    return recent


def forget_folder(folder: str) -> list[str]:
    """Drop `folder` from the recent folders list and return the list."""
    recent = [f for f in load(RECENT_FOLDERS) if f != folder]
    save(RECENT_FOLDERS, recent)
    return recent
