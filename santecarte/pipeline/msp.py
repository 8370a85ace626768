"""Which FINESS « maisons de santé » and « centres de santé » belong on a GP layer.

FINESS category 603 (maison de santé, art. L. 6223-3 CSP) is pluriprofessional with GPs by
law: always kept. Category 124 (centre de santé) also counts dental, nursing, eye, dialysis
and university-only centres, with no flag to tell them apart (msp/SOURCE.md): the rule reads
the FINESS name, which says it for most (« CDS DENTAIRE », « CTRE SOINS INF », « CSD »,
« OPHTALMO », « SSU »). On the 2,495 centres of January 2021 it sets aside 1,500 and keeps
about 1,000 (polyvalent, municipal, mutualist, medical); a few named only « CDS X » may still
be single-profession centres.
"""
from __future__ import annotations

import re

EXCLUSIONS = (
    ("centre dentaire", r"DENT|ODONT|ORTHODON|\bCSD\b"),
    ("centre de soins infirmiers", r"INFIRM|\bINF\b|\bCSI\b|\bC\.S\.I\b|\bSSI\b"),
    ("centre ophtalmologique ou de la vision", r"OPHTA|\bOPH\b|VISION|VISUEL|ORTHOPT|OPTIQ"),
    ("centre de dialyse ou de néphrologie", r"DIALY|RENAL|NEPHRO"),
    ("centre d'imagerie ou d'audition", r"ECHOGRAPH|RADIOLOG|IMAGERIE|AUDITI"),
    ("service de santé universitaire", r"UNIVERSIT|SUMPPS|\bSSU\b"),
    ("centre de planification", r"PLANIFICATION|\bCPEF\b|\bIVG\b"),
)
_PATTERNS = [(reason, re.compile(pattern)) for reason, pattern in EXCLUSIONS]


def gp_layer_exclusion(nom: str, categorie: str) -> str | None:
    """Why an establishment is kept off the GP layer (French reason), or None to keep it."""
    if categorie != "Centre de santé":
        return None
    name = (nom or "").upper()
    return next((reason for reason, pattern in _PATTERNS if pattern.search(name)), None)
