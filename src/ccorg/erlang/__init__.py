"""The Erlang calculator of ``ccorg erlang``: its inputs (declared once), the one-interval
calculation and its reverse, and the CSV batch. Commands and views both import it; it imports
neither. The queueing engine itself is ``ccorg.staffing.queueing``."""
