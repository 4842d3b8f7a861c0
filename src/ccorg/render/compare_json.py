"""A comparison as versioned JSON (the contract documented in the README)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ccorg.compare import Column, Comparison
from ccorg.render.ansi import json_document
from ccorg.render.machine_numbers import rounded_floats
from ccorg.units import whole_as_int

FORMAT_VERSION = 1


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The JSON document of a comparison, as plain data, floats rounded to 7 decimals."""
    base = comparison.base
    return rounded_floats(
        {
            "format_version": FORMAT_VERSION,
            "config": comparison.config_name,
            "mode": "sensitivity" if comparison.ranges else "scenarios",
            "currency": comparison.currency,
            "ranges": [
                {
                    "path": r.name,
                    "values": [whole_as_int(v) for v in r.values],
                    "base": whole_as_int(r.base),
                    "factors": None if r.factors is None else list(r.factors),
                }
                for r in comparison.ranges
            ],
            "columns": [_column(column, base, comparison) for column in comparison.columns],
            "marginal_effects": [
                {
                    "parameter": m.parameter,
                    "headcount_per_unit": m.headcount,
                    "fte_per_unit": m.fte,
                    "annual_cost_per_unit": m.annual_cost,
                }
                for m in comparison.marginals
            ],
        }
    )


def _column(column: Column, base: Column, comparison: Comparison) -> dict[str, Any]:
    parameters = column.parameters or tuple(r.base for r in comparison.ranges)
    return {
        "id": column.id,
        "parameters": {
            r.name: whole_as_int(v) for r, v in zip(comparison.ranges, parameters, strict=True)
        },
        "totals": {
            "headcount": column.headcount,
            "frontline": column.frontline,
            "fte": column.fte,
            "annual_cost": column.annual_cost,
            "budget": column.budget,
            "budget_variance": column.budget_variance,
            "establishment": column.establishment,
            "over_establishment": column.over_establishment,
        },
        "delta": {
            "headcount": column.headcount - base.headcount,
            "fte": column.fte - base.fte,
            "annual_cost": column.annual_cost - base.annual_cost,
        },
        "departments": [asdict(d) for d in column.departments],
        "streams": [asdict(s) for s in column.streams],
    }


def render_compare_json(comparison: Comparison) -> str:
    return json_document(comparison_to_dict(comparison))
