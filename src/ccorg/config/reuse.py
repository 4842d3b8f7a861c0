"""A scenario's data with the base's validated objects in place of the parts it left alone.

A scenario overlay shares with the base document every part of the data it does not touch
(``config.scenarios``). Validating such a part again would give the very object the base's
validation gave, so that object is put in its place: pydantic takes a model instance as it
is, and the scenario costs what it changes, not the size of the config. The plans of the
scenarios then see the same Post, Grade or Stream object where the base's did, which lets
planning reuse what it derived from them.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel


def reusing(data: Any, base_data: Any, base: BaseModel) -> Any:
    """``data``, with every part that *is* (the same object as) a part of ``base_data``
    replaced by what ``base`` (the model validated from ``base_data``) made of it.

    Only whole models are put in: a mapping validated into a model, or the items of a list
    of models, matched first by identity, then by their ``id``. Anything else is left as
    written, to be validated as usual.
    """
    return _reuse(data, base_data, base)


def _reuse(data: Any, base_data: Any, model: Any) -> Any:
    if isinstance(model, BaseModel):
        if data is base_data:
            return model
        if isinstance(data, dict) and isinstance(base_data, dict):
            return _mapping(data, base_data, model)
        return data
    if isinstance(model, list | tuple) and isinstance(data, list) and isinstance(base_data, list):
        if len(model) != len(base_data) or not all(isinstance(m, BaseModel) for m in model):
            return data
        return _items(data, base_data, model)
    return data


def _mapping(data: dict[str, Any], base_data: dict[str, Any], model: BaseModel) -> dict[str, Any]:
    names = _field_names(type(model))
    reused = dict(data)
    for key, value in data.items():
        name = names.get(key)
        if name is not None and key in base_data:
            reused[key] = _reuse(value, base_data[key], getattr(model, name))
    return reused


def _items(data: list[Any], base_data: list[Any], models: list[Any] | tuple[Any, ...]) -> list[Any]:
    by_identity = {id(item): model for item, model in zip(base_data, models, strict=True)}
    by_id = {
        item["id"]: (item, model)
        for item, model in zip(base_data, models, strict=True)
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }
    reused = []
    for item in data:
        model = by_identity.get(id(item))
        if model is not None:
            reused.append(model)
        elif isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] in by_id:
            base_item, base_model = by_id[item["id"]]
            reused.append(_reuse(item, base_item, base_model))
        else:
            reused.append(item)
    return reused


@functools.cache
def _field_names(model: type[BaseModel]) -> dict[str, str]:
    """A model's keys as written (aliases) → its field names."""
    return {field.alias or name: name for name, field in model.model_fields.items()}
