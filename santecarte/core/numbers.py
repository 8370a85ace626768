"""The one way SantéCarte writes a number: decimal comma, narrow no-break space between
thousands, rounded once half up, the same on pages, tables, the PDF and exports."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd


def _rounded(value, digits: int) -> Decimal:
    """`value` rounded once, half up on its shortest decimal writing (3.655 → 3.66), never -0."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def format_fr(value: float | None, digits: int = 2) -> str:
    """The one way SantéCarte writes a number, on pages, tables, charts' texts and the PDF:
    decimal comma, narrow no-break space between thousands, rounded once, half up on the
    decimal figure as published (3.655 → « 3,66 », not the binary float's 3,65)."""
    if value is None or isinstance(value, bool) or pd.isna(value):
        return "—"
    return f"{_rounded(value, digits):,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def export_number(value: float | None, digits: int) -> str:
    """A figure in a CSV export: rounded as `format_fr` rounds it, the same digits, a decimal
    comma, but no thousands separator (a French spreadsheet reads it as a number); '' if missing."""
    if value is None or isinstance(value, bool) or pd.isna(value):
        return ""
    return f"{_rounded(value, digits):.{digits}f}".replace(".", ",")


def round_half_up(value: float | None, digits: int = 2) -> float | int | None:
    """`value` rounded as `format_fr` rounds it, for JSON exports (an int when `digits` is 0)."""
    if value is None or pd.isna(value):
        return None
    rounded = _rounded(value, digits)
    return int(rounded) if digits == 0 else float(rounded)


def french_table(df: pd.DataFrame, digits: dict[str, int] | None = None) -> pd.DataFrame:
    """A table as shown to a user: the columns of `digits` written by `format_fr`, yes/no for
    booleans, « — » for every missing value (never None, NaN, True or False)."""
    out = df.copy()
    for column in out.columns:
        if digits and column in digits:
            out[column] = [format_fr(v, digits[column]) for v in out[column]]
        elif pd.api.types.is_bool_dtype(out[column]) or set(out[column].dropna().map(type)) <= {bool}:
            out[column] = [("oui" if v else "non") if isinstance(v, (bool, np.bool_)) else "—" for v in out[column]]
        else:
            out[column] = ["—" if v is None or (not isinstance(v, (list, tuple, np.ndarray)) and pd.isna(v))
                           else v for v in out[column]]
    return out


def export_csv_bytes(df: pd.DataFrame, digits: dict[str, int]) -> bytes:
    """Every CSV export: `;` and UTF-8 with BOM (opens as is in a French spreadsheet), the
    numbers of `digits` rounded as the page shows them and written with a decimal comma (no
    thousands separator, so spreadsheets read them as numbers), yes/no for booleans, empty
    cells for missing values."""
    out = df.copy()
    for column, n in digits.items():
        out[column] = [export_number(v, n) for v in out[column]]
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]) or (len(out[column].dropna())
                                                     and set(out[column].dropna().map(type)) <= {bool, np.bool_}):
            out[column] = out[column].map({True: "oui", False: "non"})
    return out.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def whole_minutes(minutes):
    """Travel minutes as every table, map and PDF shows them: whole minutes rounded down. A trip
    of 19,98 minutes is inside the 20-minute neighbourhood and reads « 19 », never « 20 »
    (rounding to the nearest would contradict the cutoff). Missing stays missing."""
    return np.floor(minutes)
