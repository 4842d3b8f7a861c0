"""``ccorg check``: configs in, findings out.

``runner`` reads each file through the same loader, schema and planner as ``ccorg plan``,
turns their errors into findings, and runs the policy rules of ``rules/`` over what loaded.
Findings are data (``findings``); the renderers in ``ccorg.render`` are their views.
"""
